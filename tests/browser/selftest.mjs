// The detectors must be able to fail: pages of a tiny server that render
// the corpus unescaped (with and without a CSP) must trip them, and a page
// that escapes it under the UI's CSP must not.
import { createServer } from 'node:http';

import { foreignRequests, launchInstrumented, readPayloads, scanForInjectedMarkup } from './harness.mjs';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export async function startSelfTestServer() {
  const payloads = readPayloads();
  const page = (rows) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head>` +
    `<body><ul>${rows.join('')}</ul></body></html>`;
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/raw' || path === '/raw-csp') {
      const headers = { 'content-type': 'text/html; charset=utf-8' };
      if (path === '/raw-csp') headers['content-security-policy'] = CSP;
      res.writeHead(200, headers).end(page(payloads.map((p) => `<li title="${p}">${p}</li>`)));
    } else if (path === '/escaped') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP })
        .end(page(payloads.map((p) => `<li title="${escapeHtml(p)}">${escapeHtml(p)}</li>`)));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

// Visits `path` and returns what the detectors saw there.
export async function observe(origin, path) {
  const browser = await launchInstrumented(origin);
  try {
    const page = await browser.context.newPage();
    await page.goto(origin + path, { waitUntil: 'load' });
    await page.waitForTimeout(300);  // not an assertion: lets onerror/onload handlers run
    const markup = await scanForInjectedMarkup(page);
    const text = await page.evaluate(() => document.body.innerText);
    return {
      executions: browser.events.executions,
      foreign: foreignRequests(browser.events, origin),
      csp: browser.events.csp,
      markup,
      text,
    };
  } finally {
    await browser.close();
  }
}
