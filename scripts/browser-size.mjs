// npm run browser:size: how big whop-mock/browser is and how soon it is ready in a page.
//   size:  dist/browser/whop-mock.js and the chunks it imports statically (minified, as shipped,
//          with the bundled specs, validators and fixtures), gzipped at level 9; the lazy chunks
//          (the YAML writer, json-schema-faker) apart, since a page loads them only when asked.
//   ready: in Chromium (/usr/bin/chromium, or CHROMIUM), a page that imports the entry, then times
//          `await createMock()` from the moment the module has loaded; 5 fresh pages, the median.
// Prints both with the date and exits 1 when one is over its budget (400 KB, 300 ms).
// Usage: node scripts/browser-size.mjs [--runs 5]

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const SIZE_BUDGET_BYTES = 400 * 1024;
export const READY_BUDGET_MS = 300;
const root = fileURLToPath(new URL('..', import.meta.url));
const browserDir = join(root, 'dist', 'browser');

/** The entry and its static imports (bytes as shipped and gzipped), and the lazy chunks apart. */
export function bundleSize(dir = browserDir) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    for (const match of text.matchAll(/(?:^|[;}\s])import\s*\{?[^"'()]*?\}?\s*from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/g)) {
      visit(join(file, '..', match[1] ?? match[2]));
    }
  };
  visit('whop-mock.js');
  const measure = (files) => {
    const texts = files.map((file) => readFileSync(join(dir, file)));
    return { files, bytes: texts.reduce((n, t) => n + t.length, 0), gzipped: texts.reduce((n, t) => n + gzipSync(t, { level: 9 }).length, 0) };
  };
  const entry = measure([...seen]);
  const lazyFiles = [...readFileSync(join(dir, 'whop-mock.js'), 'utf8').matchAll(/import\("\.\/([^"]+)"\)/g)].map((m) => m[1]);
  return { entry, lazy: measure(lazyFiles) };
}

/** Times createMock() in fresh Chromium pages: each run's load, ready and first-answer times, and the browser's version. */
export async function readyTimes(runs = 5) {
  const { chromium } = await import('playwright-core');
  const page = `<!doctype html><meta charset="utf-8"><title>ready</title><script type="module" src="/ready.js"></script>`;
  const script = `
    const start = performance.now();
    const { createMock } = await import('./whop-mock.js');
    const loaded = performance.now();
    const mock = await createMock();
    const ready = performance.now();
    const response = await mock.fetch('https://api.whop.com/api/v1/users/me', { headers: { authorization: 'Bearer tok_user_alex_full' } });
    globalThis.timing = { loadMs: loaded - start, readyMs: ready - loaded, firstAnswerMs: performance.now() - ready, status: response.status };`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = path === '/' ? page : path === '/ready.js' ? script : readIn(browserDir, path);
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': path === '/' ? 'text/html' : 'text/javascript', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  try {
    const times = [];
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(url);
      await tab.waitForFunction(() => globalThis.timing !== undefined, undefined, { timeout: 20_000 });
      const timing = await tab.evaluate(() => globalThis.timing);
      if (timing.status !== 200) throw new Error(`the page's first request answered ${timing.status}`);
      times.push(timing);
      await context.close();
    }
    return { times, version: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

function readIn(dir, path) {
  if (!/^\/[\w./-]+\.js$/.test(path) || path.includes('..')) return undefined;
  try {
    return readFileSync(join(dir, path));
  } catch {
    return undefined;
  }
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runsAt = process.argv.indexOf('--runs');
  const runs = runsAt === -1 ? 5 : Number(process.argv[runsAt + 1]);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const { entry, lazy } = bundleSize();
  const { times, version } = await readyTimes(runs);
  const ready = median(times.map((t) => t.readyMs));
  const date = new Date().toISOString().slice(0, 10);
  console.log(`whop-mock/browser, ${date}, Node ${process.version}, Chromium ${version}`);
  console.log(`  entry (${entry.files.length} files, minified): ${kb(entry.bytes)}, gzipped ${kb(entry.gzipped)} (budget ${kb(SIZE_BUDGET_BYTES)})`);
  console.log(`  lazy chunks (${lazy.files.length}, loaded on demand): ${kb(lazy.bytes)}, gzipped ${kb(lazy.gzipped)}`);
  console.log(`  module load: median ${median(times.map((t) => t.loadMs)).toFixed(0)} ms`);
  console.log(`  ready (await createMock() after the module loaded): median ${ready.toFixed(0)} ms of ${runs} runs [${times.map((t) => t.readyMs.toFixed(0)).join(', ')}] (budget ${READY_BUDGET_MS} ms)`);
  console.log(`  first answer after ready: median ${median(times.map((t) => t.firstAnswerMs)).toFixed(1)} ms`);
  if (entry.gzipped > SIZE_BUDGET_BYTES || ready > READY_BUDGET_MS) {
    console.error('over budget');
    process.exit(1);
  }
}
