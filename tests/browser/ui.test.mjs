// Browser tests of the review UI (issue 7, "Tests"): Playwright
// (playwright-core) driving Debian's chromium against `harrier serve` on a
// fixture state directory (harrier-ui-fixture) whose scraped fields carry the
// XSS corpus. Run by ctest (label browser):
//   node --test tests/browser/ui.test.mjs
// with HARRIER_BIN and HARRIER_UI_FIXTURE naming the built binaries, and
// HARRIER_SCREENSHOTS=1 to write docs/screenshots/*.png.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  SOURCE_DIR, buildFixture, chromiumMissing, foreignRequests, launchInstrumented, readPayloads,
  scanForInjectedMarkup, startForeignOrigin, startServe,
} from './harness.mjs';
import { exportDownload, login, shoot, visit, wrongHostStatus } from './ui_steps.mjs';
import { observe, startSelfTestServer } from './selftest.mjs';

const SKIP = chromiumMissing() &&
  'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium); CI installs it';
if (SKIP) console.log(SKIP);

const HARRIER = process.env.HARRIER_BIN || join(SOURCE_DIR, 'build', 'cli', 'harrier');
const FIXTURE = process.env.HARRIER_UI_FIXTURE || join(SOURCE_DIR, 'build', 'tests', 'harrier-ui-fixture');
const MARKING = 'OFFICIAL-SENSITIVE';

describe('the detectors', { skip: SKIP }, () => {
  let server;
  before(async () => { server = await startSelfTestServer(); });
  after(async () => server?.close());

  test('an unescaped page trips them: executions and foreign requests', async () => {
    const o = await observe(server.origin, '/raw');
    assert.ok(o.executions.length > 0, 'no execution seen on a page that runs the corpus');
    assert.ok(o.foreign.length > 0, 'no foreign request seen');
  });

  test('an unescaped page under a strict CSP still trips the markup scan', async () => {
    const o = await observe(server.origin, '/raw-csp');
    assert.equal(o.executions.length, 0);
    assert.ok(o.markup.length > 0, 'injected markup not found');
    assert.ok(o.csp.length > 0, 'no CSP violation reported');
  });

  test('an escaped page is clean and shows every payload as text', async () => {
    const o = await observe(server.origin, '/escaped');
    assert.deepEqual([o.executions, o.foreign, o.csp, o.markup], [[], [], [], []]);
    assert.deepEqual(payloadsNotShown(o.text, new Set()), []);
  });
});

describe('the review UI', { skip: SKIP }, () => {
  let fx;
  let ui;
  let browser;
  let page;
  const unavailable = [];  // views the UI does not have (yet): reported, not failed
  let loggedIn = false;     // the steps after login fail at once without it
  const needLogin = () => assert.ok(loggedIn, 'not logged in (see the first test of this suite)');

  before(async () => {
    fx = buildFixture(FIXTURE);
    ui = await startServe(HARRIER, fx.stateDir);
    browser = await launchInstrumented(ui.origin);
    page = await browser.context.newPage();
    page.setDefaultTimeout(10000);
  });

  after(async () => {
    await browser?.close().catch((e) => console.log(`closing chromium: ${e.message}`));
    await ui?.stop();
    if (fx) rmSync(fx.stateDir, { recursive: true, force: true });
    if (unavailable.length) console.log(`views not available: ${unavailable.join(', ')}`);
  });

  test('an analyst logs in and gives a justification; every page is marked', async () => {
    const user = fx.users.analyst;
    await login(page, ui.origin, user.name, user.password);
    loggedIn = true;
    await shoot(page, 'alerts');
    for (const id of ['#marking-top', '#marking-bottom']) {
      assert.match(await page.textContent(id), new RegExp(MARKING));
    }
    assert.match(await page.textContent('#current-justification'), /OP-KESTREL/);
  });

  test('a watchlist photo match is reviewed side by side and confirmed', async () => {
    needLogin();
    const alert = fx.alerts.find((a) => a.kind === 'watchlist_image');
    await visit(page, `${ui.origin}/alerts/${alert.id}`);
    const img = page.locator('#alert-image');
    await img.waitFor();
    assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth > 0), 'image did not load');
    assert.equal(new URL(await img.evaluate((el) => el.src)).origin, ui.origin);
    const [adv, watch] = await Promise.all(['#side-advert', '#side-watchlist']
      .map((id) => page.locator(id).boundingBox()));
    assert.ok(adv.x + adv.width <= watch.x + 1 && Math.abs(adv.y - watch.y) < 5,
      'the advert image and the watchlist entry are not side by side');
    assert.match(await page.textContent('#distance'), /^\s*\d+/);
    await shoot(page, 'alert-review');
    await Promise.all([page.waitForNavigation(), page.click('#confirm')]);
    await visit(page, `${ui.origin}/alerts/${alert.id}`);
    assert.match(await page.textContent('#alert-status'), /confirmed/);
  });

  test('a near-duplicate image pair is reviewed side by side and confirmed', async (t) => {
    needLogin();
    const r = await visit(page, `${ui.origin}/matches`);
    if (r.status() === 404) {
      unavailable.push('/matches');
      return t.skip('/matches is not served yet');
    }
    await shoot(page, 'matches');
    const link = page.locator('a.match-link').first();
    await Promise.all([page.waitForNavigation(), link.click()]);
    for (const id of ['#image-a', '#image-b']) {
      const img = page.locator(id);
      assert.ok(await img.evaluate((e) => e.complete && e.naturalWidth > 0), `${id} did not load`);
      assert.equal(new URL(await img.evaluate((e) => e.src)).origin, ui.origin);
    }
    await shoot(page, 'match-review');
    const [a, b] = await Promise.all(['#side-a', '#side-b'].map((id) => page.locator(id).boundingBox()));
    assert.ok(a.x + a.width <= b.x + 1 && Math.abs(a.y - b.y) < 5, 'the images are not side by side');
    assert.match(await page.textContent('#distance'), /^\s*\d+/);
    const here = page.url();
    await Promise.all([page.waitForNavigation(), page.click('#confirm')]);
    await visit(page, here);
    assert.match(await page.textContent('#match-status'), /confirmed/);
  });

  test('a cluster graph draws (canvas present, cytoscape reports its nodes)', async (t) => {
    needLogin();
    const cluster = fx.clusters[0];
    const r = await visit(page, `${ui.origin}/clusters/${cluster.id}`);
    if (r.status() === 404) {
      unavailable.push('/clusters/ID');
      return t.skip('/clusters/ID is not served yet');
    }
    await page.waitForSelector('#graph[data-ready="true"], #graph[data-error]');
    assert.equal(await page.getAttribute('#graph', 'data-error'), null);
    assert.ok(await page.locator('#graph canvas').count() > 0, 'no canvas');
    const nodes = Number(await page.getAttribute('#graph', 'data-nodes'));
    assert.ok(nodes >= cluster.documents.length, `graph has ${nodes} nodes`);
    await shoot(page, 'cluster');
  });

  test('exports: refused without a grade; an i2 CSV and a report arrive, non-empty and marked', async (t) => {
    needLogin();
    const r = await visit(page, `${ui.origin}/export`);
    if (r.status() === 404) {
      unavailable.push('/export');
      return t.skip('/export is not served yet');
    }
    await shoot(page, 'export');
    assert.match(await exportDownload(page, ui.origin, 'i2-csv', fx, ''), /grade/i,
      'an export without a grade was not refused');
    for (const format of ['i2-csv', 'report-html']) {
      const text = await exportDownload(page, ui.origin, format, fx);
      assert.ok(text.length > 0, `${format} download is empty`);
      assert.match(text, new RegExp(MARKING), `${format} has no marking`);
    }
  });

  test('XSS: every view shows the corpus as text, with nothing executed or fetched', async () => {
    needLogin();
    const views = [`/alerts`, `/status`, `/matches`, `/search`, `/clusters`, `/watchlist`];
    fx.matches.forEach((_, i) => views.push(`/matches/${i + 1}`));
    for (const a of fx.alerts) views.push(`/alerts/${a.id}`);
    for (const d of fx.documents) views.push(`/adverts/${d.id}`);
    for (const c of fx.clusters) views.push(`/clusters/${c.id}`);
    const q = (k, v) => `kind=${encodeURIComponent(k)}&value=${encodeURIComponent(v)}`;
    views.push(`/movement?${q(fx.movement.kind, fx.movement.value)}`);
    views.push(`/search?${q(fx.movement.kind, fx.movement.value)}`);
    for (const s of fx.search) views.push(`/search?${q(s.kind, s.value)}`);
    // Issue 6: registry records (companies whose every field is a payload).
    for (const number of fx.companies ?? []) views.push(`/company/${number}`);
    if (fx.registry_postcode) views.push(`/search?${q('postcode', fx.registry_postcode)}`);
    // Reflected: the export form echoes what the query gives it.
    for (const s of fx.search.slice(0, 10)) {
      views.push(`/export?selectors=${encodeURIComponent(`${s.kind}:${s.value}`)}` +
        `&adverts=${encodeURIComponent(s.value)}&cluster=${encodeURIComponent(s.value)}`);
    }
    const seen = new Set();
    const findings = [];
    for (const path of views) {
      const r = await visit(page, ui.origin + path);
      if (r.status() === 404) {
        unavailable.push(path.split('?')[0].replace(/\/\d+$/, '/ID'));
        continue;
      }
      if (await page.locator('#graph').count()) {  // let the graph draw before the scan
        await page.waitForSelector('#graph[data-ready="true"], #graph[data-error]');
      }
      findings.push(...(await scanForInjectedMarkup(page)));
      payloadsNotShown(await page.evaluate(() => document.body.innerText), seen);
      if (path === `/adverts/${fx.documents[0].id}`) await shoot(page, 'advert');
      if (path.startsWith('/movement')) await shoot(page, 'movement');
      if (path.startsWith('/search?kind=phone')) await shoot(page, 'search');
      if (path === '/company/FX000001') await shoot(page, 'company');
    }
    const report = reportOf(browser.events, ui.origin, findings);
    assert.deepEqual(report.executions, [], 'scripts executed');
    assert.deepEqual(report.foreign, [], 'requests to another origin');
    assert.deepEqual(report.findings, [], 'injected markup');
    assert.deepEqual(report.csp, [], 'CSP violations');
    // The views really showed the corpus (else this test would prove nothing).
    assert.deepEqual(payloadsNotShown('', seen), [], 'payloads never shown as text');
  });

  test('XSS: the audit log, as a supervisor, executes and fetches nothing', async () => {
    const sup = await launchInstrumented(ui.origin);
    try {
      const p = await sup.context.newPage();
      await login(p, ui.origin, fx.users.supervisor.name, fx.users.supervisor.password);
      await visit(p, `${ui.origin}/audit`);
      await p.waitForSelector('#audit');
      await shoot(p, 'audit');
      const report = reportOf(sup.events, ui.origin, await scanForInjectedMarkup(p));
      assert.deepEqual([report.executions, report.foreign, report.findings, report.csp], [[], [], [], []]);
      assert.match(await p.textContent('#audit'), /x-\d+/, 'the planted justifications are shown');
    } finally {
      await sup.close();
    }
  });

  test('CSRF: a POST from a page on another origin is refused with 403', async () => {
    needLogin();
    const alert = fx.alerts.find((a) => a.kind === 'watchlist_selector');
    const target = `${ui.origin}/alerts/${alert.id}/decide`;
    const evil = await startForeignOrigin({
      '/forge': `<!doctype html><form id=f method=post action="${target}">` +
        '<input name=decision value=rejected><input name=note value=forged></form>' +
        '<script>document.getElementById("f").submit()</script>',
      '/forge-token': `<!doctype html><form id=f method=post action="${target}">` +
        `<input name=csrf value="${'0'.repeat(64)}"><input name=decision value=rejected></form>` +
        '<script>document.getElementById("f").submit()</script>',
    });
    // The analyst's browser, still logged in, is lured to the other origin.
    browser.allow(evil.origin);
    const lured = await browser.context.newPage();
    try {
      for (const path of ['/forge', '/forge-token']) {
        const answer = lured.waitForResponse((res) => res.url() === target);
        // The forged form navigates away at once: goto itself may be interrupted.
        lured.goto(evil.origin + path, { waitUntil: 'commit' }).catch(() => {});
        const response = await answer;
        assert.equal(response.status(), 403, `${path}: a forged POST was not refused`);
      }
      await visit(page, `${ui.origin}/alerts/${alert.id}`);
      assert.doesNotMatch(await page.textContent('#alert-status'), /rejected/);
    } finally {
      await lured.close().catch(() => {});
      await evil.close();
    }
  });

  test('the session cookie is __Host-, HttpOnly, SameSite=Strict, Secure, Path=/', async () => {
    const cookies = await browser.context.cookies(ui.origin);
    const session = cookies.find((c) => c.name.startsWith('__Host-'));
    assert.ok(session, `no __Host- cookie among ${cookies.map((c) => c.name).join(', ')}`);
    assert.deepEqual([session.httpOnly, session.sameSite, session.secure, session.path],
      [true, 'Strict', true, '/']);
  });

  test('DNS rebinding: a page at another name that resolves to the UI gets 421', async () => {
    const name = 'rebind.invalid';
    const evilOrigin = `http://${name}:${ui.port}`;
    const rebound = await launchInstrumented(evilOrigin,
      { extraArgs: [`--host-resolver-rules=MAP ${name} 127.0.0.1`] });
    try {
      const p = await rebound.context.newPage();
      for (const path of ['/login', '/api/session']) {
        const r = await p.goto(evilOrigin + path);
        assert.equal(r.status(), 421, `${path} answered a rebound name`);
      }
    } finally {
      await rebound.close();
    }
  });

  test('Host: a request naming another host gets 421', async () => {
    assert.equal(await wrongHostStatus(ui.port, 'evil.example'), 421);
    assert.equal(await wrongHostStatus(ui.port, `attacker.invalid:${ui.port}`), 421);
  });
});

// Adds to `seen` the numbers of the payloads `text` shows whole (as text,
// whitespace runs folded as innerText folds them); returns those never seen.
const PAYLOADS = readPayloads().map((p) => p.replace(/\s+/g, ' ').trim());
function payloadsNotShown(text, seen) {
  const folded = text.replace(/\s+/g, ' ');
  PAYLOADS.forEach((p, i) => { if (folded.includes(p)) seen.add(i + 1); });
  return PAYLOADS.map((_, i) => i + 1).filter((n) => !seen.has(n));
}

function reportOf(events, origin, findings) {
  const report = {
    executions: events.executions,
    foreign: foreignRequests(events, origin).map((r) => `${r.url} (${r.type}, from ${r.page})`),
    findings: [...new Set(findings)],
    csp: events.csp.map((c) => `${c.directive} blocked ${c.blocked} on ${c.page}`),
  };
  for (const [k, v] of Object.entries(report)) {
    if (v.length) console.log(`${k}:\n  ${v.slice(0, 40).map((x) => JSON.stringify(x)).join('\n  ')}`);
  }
  return report;
}
