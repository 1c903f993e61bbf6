// A frontend developer's path, in a real browser: a page on one origin calls the mock on
// another with Authorization (so the browser preflights), PATCHes, reads back, reads the
// exposed headers and sends credentials. Then the control plane's rule: a page on a foreign
// origin can neither read /__mock nor drive it (not even with a no-cors POST), while a page
// on a loopback origin can. Headless Chromium (Debian's package) renders the pages; every
// address is loopback (the foreign name is mapped to 127.0.0.1 inside Chromium).
// Usage: node scripts/browser-smoke.mjs   (after npm run build; needs /usr/bin/chromium)
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServer } from '../dist/index.js';

const mock = await createMockServer({ port: 0 });
const script = `
(async () => {
  const out = document.getElementById('out');
  const result = {};
  try {
    const headers = { Authorization: 'Bearer tok_user_alex_full', 'Api-Version-Date': '2026-07-20', 'X-Mock-Session': 'browser' };
    const patch = await fetch('${mock.url}/api/v1/users/me', { method: 'PATCH', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'From The Browser' }) });
    const get = await fetch('${mock.url}/api/v1/users/me', { headers });
    const user = await get.json();
    const denied = await fetch('${mock.url}/users/me');
    const credentialed = await fetch('${mock.url}/api/v1/users/me', { headers, credentials: 'include' });
    Object.assign(result, { patch: patch.status, get: get.status, name: user.name, version: get.headers.get('Api-Version-Date'), session: get.headers.get('X-Mock-Session'), denied: denied.status, credentialed: credentialed.status });
    try {
      const state = await fetch('${mock.url}/__mock/state?kind=tokens&limit=1', { headers: { 'X-Mock-Session': 'browser' } });
      result.control = 'read ' + state.status;
    } catch (error) {
      result.control = 'blocked';
    }
    // A no-cors POST is sent even though its answer cannot be read: the server must refuse it.
    await fetch('${mock.url}/__mock/reset', { method: 'POST', mode: 'no-cors' }).catch(() => undefined);
  } catch (error) {
    result.failed = String(error);
  }
  out.textContent = JSON.stringify(result);
})();`;
const page = `<!doctype html><pre id="out">pending</pre><script>${script}</script>`;
const site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const port = site.address().port;

/** Renders the page from `origin` in headless Chromium and returns what it wrote. */
async function visit(origin) {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'whop-mock-chromium-'))}`,
    '--host-resolver-rules=MAP evil.example 127.0.0.1', '--virtual-time-budget=10000', '--dump-dom', `${origin}/`];
  const dom = await new Promise((resolve, reject) =>
    execFile(process.env.CHROMIUM ?? '/usr/bin/chromium', args, { timeout: 60_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))));
  const text = /<pre id="out">([^<]*)/.exec(dom)?.[1] ?? '';
  try {
    return JSON.parse(text.replace(/&quot;/g, '"'));
  } catch {
    return { unreadable: text };
  }
}

const api = { patch: 200, get: 200, name: 'From The Browser', version: '2026-06-09', session: 'browser', denied: 401, credentialed: 200 };
const checks = [
  { origin: `http://evil.example:${port}`, expected: { ...api, control: 'blocked' } },
  { origin: `http://127.0.0.1:${port}`, expected: { ...api, control: 'read 200' } },
];
let failed = false;
for (const { origin, expected } of checks) {
  mock.session('browser').reset();
  mock.session('default').addFault({ operationId: 'retrieveUser', status: 500, times: 1 });
  const seen = await visit(origin);
  const wrong = Object.entries(expected).filter(([key, value]) => seen[key] !== value);
  // The foreign page's no-cors POST /__mock/reset must not have run: the fault it would clear is still there.
  const resetRan = mock.session('default').faults().length === 0;
  const mayReset = origin.includes('127.0.0.1');
  if (wrong.length > 0 || resetRan !== mayReset) {
    console.error(`FAIL: from ${origin} the browser saw ${JSON.stringify(seen)} (reset ran: ${resetRan}); expected ${JSON.stringify(expected)} (reset ran: ${mayReset})`);
    failed = true;
  } else {
    console.log(`OK: a page on ${origin} used ${mock.url} as expected (${JSON.stringify(seen)}; reset ran: ${resetRan})`);
  }
  mock.session('default').clearFaults();
}
site.close();
await mock.close();
process.exit(failed ? 1 : 0);
