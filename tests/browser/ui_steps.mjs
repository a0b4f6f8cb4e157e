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
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

// Fills the export form for `format` ("i2-csv", "report-html", ...) as an
// analyst would (recipient, grading, handling code, the first cluster) and
// returns the downloaded file's text.
export async function exportDownload(page, origin, format, fx) {
  await visit(page, `${origin}/export`);
  const form = page.locator('form#export-form');
  const set = async (selector, value) => {
    const el = form.locator(selector);
    if (await el.count()) await el.first().fill(value);
  };
  const choose = async (selector, want) => {
    const el = form.locator(selector);
    if (!(await el.count())) return;
    const values = await el.first().evaluate((s) => [...s.options].map((o) => o.value));
    const pick = values.find((v) => want.test(v)) ?? values.find((v) => v);
    await el.first().selectOption(pick);
  };
  await choose('select[name=format]', new RegExp(format.replace('-', '.?'), 'i'));
  await set('input[name=recipient]', 'DS Example, Regional Organised Crime Unit');
  await choose('select[name=source_grade], select[name=evaluation]', /^1$|^2$/);
  await choose('select[name=intel_grade], select[name=assessment]', /^B$/);
  await choose('select[name=handling]', /^P$/);
  await set('input[name=cluster]', String(fx.clusters[0].id));
  await set('input[name=operation]', 'OP-KESTREL');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    form.locator('button[type=submit]').first().click(),
  ]);
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
