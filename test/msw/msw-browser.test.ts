import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../src/index.js';
import { chromiumPath } from '../support/chromium.js';
import { SDK_DATE } from '../support/mock.js';
import { staticServer, type StaticFile, type StaticServer } from '../support/static-server.js';
import { FLOW_JOURNAL, journalRows, type FlowResult } from './sdk-flow.js';

// whop-mock/browser and whop-mock/msw in a real Chromium: a static page (bundled here by esbuild,
// as an app's bundler would) starts MSW's service worker with whop-mock's handlers and runs the
// official SDK, default base URL, through the same flow as test/msw/msw-node.test.ts. The page's
// Content-Security-Policy has no 'unsafe-eval', so any code generated at run time would fail it.
// Chromium resolves no host name but 127.0.0.1: nothing can leave the machine, even if a request
// escaped the service worker. WHOP_MOCK_SCREENSHOT_DIR=docs keeps the screenshot (docs/msw-browser.png).
const executablePath = chromiumPath();
const ROOT = join(import.meta.dirname, '..', '..');
const PAGE = join(import.meta.dirname, 'page');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' https://api.whop.com; worker-src 'self'";
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];

async function pageFiles(): Promise<Map<string, StaticFile>> {
  const app = await build({
    entryPoints: [join(PAGE, 'app.mjs')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    // The package's exports, as an app that installed whop-mock resolves them.
    alias: { 'whop-mock/browser': join(ROOT, 'dist/browser/whop-mock.js'), 'whop-mock/msw': join(ROOT, 'dist/msw.js') },
  });
  return new Map<string, StaticFile>([
    ['/', { type: 'text/html; charset=utf-8', body: readFileSync(join(PAGE, 'index.html')) }],
    ['/page.css', { type: 'text/css', body: readFileSync(join(PAGE, 'page.css')) }],
    ['/app.js', { type: 'text/javascript', body: app.outputFiles[0]?.contents ?? '' }],
    // What `npx msw init` would copy into the app's public folder.
    ['/mockServiceWorker.js', { type: 'text/javascript', body: readFileSync(join(ROOT, 'node_modules/msw/lib/mockServiceWorker.js')) }],
  ]);
}

describe.skipIf(executablePath === undefined)('whop-mock under MSW in a real Chromium page', () => {
  let browser: Browser;
  let site: StaticServer;
  let server: MockServer;
  beforeAll(async () => {
    [browser, site, server] = await Promise.all([
      chromium.launch({ executablePath, args: CHROMIUM_ARGS }),
      pageFiles().then((files) => staticServer(files, { 'content-security-policy': CSP })),
      createMockServer({ port: 0 }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.close();
  });

  it('runs the SDK flow in the page: me, PATCH and read back, a list, members, a forced 403, the journal, bad input', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // The 403 and 400 the flow asks for are logged as failed resources, and the page's eval probe
    // as refused: neither is a problem (CSP refusals during the flow are counted in the page).
    const expected = /^Failed to load resource|^Refused to evaluate a string as JavaScript/;
    page.on('console', (message) => message.type() === 'error' && !expected.test(message.text()) && problems.push(message.text()));
    await page.goto(`${site.url}/`);
    await page.waitForFunction(() => (globalThis as unknown as { flowResult?: unknown }).flowResult !== undefined, undefined, { timeout: 15_000 });
    const result = await page.evaluate(() => (globalThis as unknown as { flowResult: Record<string, any> }).flowResult);
    expect(problems).toEqual([]);
    // Nothing the mock, MSW or the SDK did broke the policy, and the policy holds (a probe is refused).
    expect(result.violations).toEqual([]);
    expect(result.evalProbe).toBe('EvalError');
    expect(result.failed).toBeUndefined();
    expect(result.me).toEqual({ id: 'user_alex123', username: 'alex', bio: expect.any(String) });
    expect([result.patchedBio, result.readBackBio]).toEqual(['written in the page', 'written in the page']);
    expect(result.listed.length).toBeGreaterThan(0);
    expect(result.members.every((id: string) => id.startsWith('mber_pf'))).toBe(true);
    expect(result.forbidden.status).toBe(403);
    expect(journalRows(result as FlowResult)).toEqual(FLOW_JOURNAL);
    // Bad input: the same status and Whop envelope as through a listening server (the SDK sends its version date).
    const headers = { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json', 'api-version-date': SDK_DATE };
    const viaServer = await fetch(`${server.url}/api/v1/users/me`, { method: 'PATCH', headers, body: JSON.stringify({ name: 42 }) });
    expect(result.badInput).toEqual({ status: viaServer.status, error: await viaServer.json() });
    expect(result.readyMs).toBeLessThan(2000);
    // What a person sees.
    expect(await page.locator('#out').innerText()).toContain('written in the page');
    const dir = process.env.WHOP_MOCK_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'whop-mock-msw-'));
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(join(dir, 'msw-browser.png'), png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
