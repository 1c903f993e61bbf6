// A frontend developer's path, in a real browser: a page on one origin calls the mock on
// another with Authorization (so the browser preflights), PATCHes, reads back, and reads the
// exposed headers. Headless Chromium (Debian's package) renders the page; loopback only.
// Usage: node scripts/browser-smoke.mjs   (after npm run build; needs /usr/bin/chromium)
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServer } from '../dist/index.js';

const mock = await createMockServer({ port: 0 });
const page = `<!doctype html><pre id="out">pending</pre><script>
(async () => {
  const out = document.getElementById('out');
  try {
    const headers = { Authorization: 'Bearer tok_user_alex_full', 'Api-Version-Date': '2026-07-20', 'X-Mock-Session': 'browser' };
    const patch = await fetch('${mock.url}/api/v1/users/me', { method: 'PATCH', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'From The Browser' }) });
    const get = await fetch('${mock.url}/api/v1/users/me', { headers });
    const user = await get.json();
    const denied = await fetch('${mock.url}/users/me');
    out.textContent = JSON.stringify({ patch: patch.status, get: get.status, name: user.name, version: get.headers.get('Api-Version-Date'), session: get.headers.get('X-Mock-Session'), denied: denied.status });
  } catch (error) { out.textContent = 'FAILED ' + error; }
})();
</script>`;
const site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${site.address().port}`;

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'whop-mock-chromium-'))}`,
  '--virtual-time-budget=10000', '--dump-dom', `${origin}/`];
const dom = await new Promise((resolve, reject) =>
  execFile(process.env.CHROMIUM ?? '/usr/bin/chromium', args, { timeout: 60_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))));
site.close();
await mock.close();

const text = /<pre id="out">([^<]*)/.exec(dom)?.[1] ?? '';
const expected = { patch: 200, get: 200, name: 'From The Browser', version: '2026-06-09', session: 'browser', denied: 401 };
let result;
try {
  result = JSON.parse(text.replace(/&quot;/g, '"'));
} catch {
  console.error(`FAIL: the page said ${JSON.stringify(text)}`);
  process.exit(1);
}
const wrong = Object.entries(expected).filter(([key, value]) => result[key] !== value);
if (wrong.length > 0) {
  console.error(`FAIL: from ${origin} the browser saw ${JSON.stringify(result)}; expected ${JSON.stringify(expected)}`);
  process.exit(1);
}
console.log(`OK: a page on ${origin} preflighted, PATCHed and read back ${mock.url} (${JSON.stringify(result)})`);
