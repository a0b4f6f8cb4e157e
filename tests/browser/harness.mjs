// The browser tests' harness: Debian's chromium driven by playwright-core,
// every page instrumented so that a script execution, a dialog, a request to
// another origin, a CSP violation or injected markup is recorded; the
// fixture state directory; `harrier serve` on a free loopback port; and a
// second origin for CSRF pages.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = process.env.HARRIER_SOURCE_DIR || join(HERE, '..', '..');
export const CHROMIUM = process.env.HARRIER_CHROMIUM || '/usr/bin/chromium';
const NODE_MODULES = process.env.HARRIER_NODE_MODULES || join(SOURCE_DIR, 'deps', 'npm', 'node_modules');

export async function loadPlaywright() {
  return import(join(NODE_MODULES, 'playwright-core', 'index.mjs'));
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// The payloads, numbered from 1 as the corpus says.
export function readPayloads(path = join(HERE, 'xss-payloads.txt')) {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
}

// Runs harrier-ui-fixture on a fresh state directory; returns what it made.
export function buildFixture(fixtureBin, payloadsPath = join(HERE, 'xss-payloads.txt')) {
  const stateDir = mkdtempSync(join(tmpdir(), 'harrier-ui-state-'));
  const out = execFileSync(fixtureBin, [stateDir, payloadsPath], { encoding: 'utf8' });
  return { stateDir, ...JSON.parse(out) };
}

// Waits until `pattern` appears in what the child writes (stdout or stderr).
function waitForOutput(child, pattern, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = seen.match(pattern);
      if (m) resolve(m);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${seen}`)));
  });
}

// `harrier serve` on 127.0.0.1, port 0, against the fixture state dir, with
// the cytoscape it serves from deps/npm. Resolves to { origin, port, log, stop }.
export async function startServe(harrierBin, stateDir) {
  const command = harrierBin;
  const args = ['--db', join(stateDir, 'harrier.db'), 'serve', '--port', '0',
    '--data-dir', join(stateDir, 'data'), '--static-dir', join(NODE_MODULES, 'cytoscape', 'dist')];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  child.stdout.on('data', (c) => log.push(c.toString()));
  child.stderr.on('data', (c) => log.push(c.toString()));
  const m = await waitForOutput(child, /https?:\/\/127\.0\.0\.1:(\d+)/, command);
  return {
    origin: m[0].replace(/\/$/, ''),
    port: Number(m[1]),
    log,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.on('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

// A second origin (127.0.0.1, another port): serves `pages` (path -> HTML).
export async function startForeignOrigin(pages) {
  const server = createServer((req, res) => {
    const body = pages[req.url.split('?')[0]];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  // closeAllConnections: the browser keeps connections alive, and close() would wait for them.
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }),
  };
}

// A browser with a fresh user-data dir whose pages report, into `events`:
//   executions: __xss(N) calls and dialogs (alert/confirm/prompt),
//   requests:   every request (url, resourceType, page url),
//   csp:        securitypolicyviolation events (directive, blocked URI).
// Requests to any origin but `allowedOrigin` (and those allow()ed later) are
// aborted, and recorded all the same.
export async function launchInstrumented(allowedOrigin, { acceptDownloads = true, extraArgs = [] } = {}) {
  const { chromium } = await loadPlaywright();
  const userDataDir = mkdtempSync(join(tmpdir(), 'harrier-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    acceptDownloads,
    viewport: { width: 1280, height: 900 },
  });
  const events = { executions: [], requests: [], csp: [] };
  await context.exposeBinding('__xss', ({ page }, n) => {
    events.executions.push({ payload: n, via: '__xss', page: page?.url() });
  });
  await context.exposeBinding('__cspReport', ({ page }, v) => {
    events.csp.push({ ...v, page: page?.url() });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspReport({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: e.sourceFile,
        line: e.lineNumber,
      });
    }, true);
  });
  const watch = (page) => {
    page.on('dialog', async (d) => {
      events.executions.push({ payload: d.message(), via: `dialog:${d.type()}`, page: page.url() });
      await d.dismiss().catch(() => {});
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  context.on('request', (req) => {
    events.requests.push({ url: req.url(), type: req.resourceType(), page: req.frame()?.url() });
  });
  const allowed = new Set([allowedOrigin]);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if ([...allowed].some((o) => sameOrigin(url, o))) return route.continue();
    return route.abort('blockedbyclient');
  });
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  // allow(origin): let a second origin through (the CSRF test's forged pages).
  return { context, events, close, allow: (o) => allowed.add(o) };
}

export function sameOrigin(url, origin) {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

// Requests to anything but the UI's origin (data: and blob: URLs the UI
// makes itself, e.g. cytoscape's canvas, are not network requests).
export function foreignRequests(events, origin) {
  return events.requests.filter((r) => !sameOrigin(r.url, origin) &&
      !r.url.startsWith('data:') && !r.url.startsWith('blob:') && r.url !== 'about:blank');
}

// Markup that can only be there because scraped text was not escaped: any
// on* attribute, a script/frame/object/embed/base/meta-refresh/form-action or
// URL attribute that is not the UI's own origin (or is javascript:, data:,
// vbscript:), inline <style>/<script> text, and tags the UI never writes.
// Runs in the page; returns a list of findings (empty when clean).
export async function scanForInjectedMarkup(page) {
  const frames = page.frames();
  const findings = [];
  for (const frame of frames) {
    if (!/^https?:/.test(frame.url())) continue;  // about:blank, chrome-error://
    const found = await frame.evaluate(() => {
      const out = [];
      const origin = location.origin;
      const urlAttrs = ['href', 'src', 'action', 'formaction', 'data', 'background', 'poster',
        'xlink:href', 'srcset', 'ping', 'codebase', 'cite', 'manifest', 'lowsrc', 'dynsrc'];
      const neverTags = new Set(['IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'BASE',
        'APPLET', 'MARQUEE', 'ISINDEX', 'KEYGEN', 'XSS', 'XMP', 'PLAINTEXT', 'MATH', 'AUDIO',
        'VIDEO', 'NOSCRIPT', 'TEMPLATE', 'PICTURE']);
      const describe = (el) => `<${el.tagName.toLowerCase()}${[...el.attributes]
        .map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`).join('')}>`;
      for (const el of document.querySelectorAll('*')) {
        if (neverTags.has(el.tagName.toUpperCase())) out.push(`tag ${describe(el)}`);
        for (const a of el.attributes) {
          const name = a.name.toLowerCase();
          if (name.startsWith('on')) out.push(`event handler ${describe(el)}`);
          if (name === 'srcdoc') out.push(`srcdoc ${describe(el)}`);
          if (name === 'style' && /url\(|expression\(|127\.0\.0\.2/i.test(a.value)) {
            out.push(`style url ${describe(el)}`);
          }
          if (urlAttrs.includes(name)) {
            for (const part of a.value.split(',')) {
              const v = part.trim().split(/\s+/)[0];
              if (!v) continue;
              let u;
              try { u = new URL(v, document.baseURI); } catch { continue; }
              const isLink = el.tagName === 'A' && name === 'href';
              if (/^(javascript|data|vbscript):/i.test(u.protocol)) {
                out.push(`${u.protocol} URL ${describe(el)}`);
              } else if (u.origin !== origin && !isLink) {
                out.push(`foreign ${name} ${describe(el)}`);
              } else if (u.origin !== origin && isLink) {
                out.push(`link to a target site ${describe(el)}`);
              }
            }
          }
        }
        if (el.tagName === 'SCRIPT' && (el.textContent.trim() || !el.src)) {
          out.push(`inline script ${describe(el)} ${el.textContent.slice(0, 60)}`);
        }
        if (el.tagName === 'STYLE') out.push(`inline style element ${el.textContent.slice(0, 60)}`);
        if (el.tagName === 'META' && el.httpEquiv) out.push(`meta http-equiv ${describe(el)}`);
      }
      return out;
    }).catch((e) => [`could not scan ${frame.url()}: ${e.message}`]);
    findings.push(...found.map((f) => `${frame.url()}: ${f}`));
  }
  return findings;
}

export function chromiumMissing() {
  return !existsSync(CHROMIUM);
}
