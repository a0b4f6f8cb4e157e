// Steps of the UI tests that talk to the pages: log in and justify, visit,
// screenshots, export downloads, and a raw request with a forged Host.
// Element ids are the ones review/ui/README.md lists.
import { mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

import { SOURCE_DIR } from './harness.mjs';

const SCREENSHOTS = process.env.HARRIER_SCREENSHOTS === '1';
export const SCREENSHOT_DIR = process.env.HARRIER_SCREENSHOT_DIR ||
  join(SOURCE_DIR, 'docs', 'screenshots');

export function visit(page, url) {
  return page.goto(url, { waitUntil: 'load' });
}

// Logs in through the form (the UI sends the analyst to /login first), then
// gives the justification it asks for before any record opens.
export async function login(page, origin, user, password) {
  await visit(page, `${origin}/alerts`);
  if (!new URL(page.url()).pathname.startsWith('/login')) {
    throw new Error(`expected the login form, got ${page.url()}`);
  }
  await shoot(page, 'login');
  await page.fill('input#user', user);
  await page.fill('input#password', password);
  const [post] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.waitForNavigation(),
    page.click('#login'),
  ]);
  if (post.status() >= 400) {
    const origin = (await post.request().allHeaders()).origin;
    throw new Error(`POST /login answered ${post.status()} (the browser sent Origin: ${origin}): ` +
      (await post.text()).trim());
  }
  if (await page.locator('#login-error').count()) {
    throw new Error(`login refused: ${await page.textContent('#login-error')}`);
  }
  if (new URL(page.url()).pathname.startsWith('/justify')) {
    await shoot(page, 'justify');
    await page.fill('#operation', 'OP-KESTREL');
    await page.fill('#justification', 'Triage of the OP-KESTREL alert queue (browser test)');
    await Promise.all([page.waitForNavigation(), page.click('#justify')]);
  }
  const path = new URL(page.url()).pathname;
  if (path.startsWith('/login') || path.startsWith('/justify')) {
    throw new Error(`still at ${page.url()} after logging in and justifying`);
  }
}

export async function shoot(page, name) {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The first screenful (1280x900): what the analyst sees on opening the view.
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

// Fills the export form (/export) as an analyst would: `format` ("i2-csv",
// "report-html", ...), the fixture's first cluster, grade 2B, handling P and
// a recipient; returns the downloaded file's text. With `grade` "" it
// returns the refusal (#export-error) instead, and no download must come.
export async function exportDownload(page, origin, format, fx, grade = '2B') {
  await visit(page, `${origin}/export`);
  await page.selectOption('#export-format', format);
  await page.fill('#export-cluster', String(fx.clusters[0].id));
  if (grade) await page.selectOption('#export-grade', grade);
  await page.selectOption('#export-handling', 'P');
  await page.fill('#export-recipient', 'DS Example, Regional Organised Crime Unit');
  if (!grade) {
    let downloaded = false;
    page.once('download', () => { downloaded = true; });
    await Promise.all([page.waitForNavigation(), page.click('#export-submit')]);
    if (downloaded) throw new Error('an ungraded export was downloaded');
    return page.textContent('#export-error');
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-submit')]);
  return readFileSync(await download.path(), 'utf8');
}

// The status of GET /login sent with this Host header (no browser: a
// browser never sends a Host that differs from its URL).
export function wrongHostStatus(port, host) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/login', headers: { Host: host } },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      });
    req.on('error', reject);
    req.end();
  });
}
