// Renders docs/inspector.png: the inspector in headless Chromium (the system one, driven by
// playwright-core) after a few requests an app would make, one of them refused, one failed by a
// fault rule, one whose answer broke the spec (a fault's body), with the violation opened: every
// error with its place in the spec, and the body strict mode withheld.
// Usage: node scripts/inspector-screenshot.mjs [out.png]   (after npm run build; needs /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { createMockServer } from '../dist/index.js';

const out = process.argv[2] ?? 'docs/inspector.png';
const server = await createMockServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 820 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/`);
  const send = (path, init = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { authorization: 'Bearer tok_user_alex_full', 'api-version-date': '2026-07-20', 'content-type': 'application/json', ...init.headers } });
  const me = await (await send('/api/v1/users/me')).json();
  await send('/api/v1/users?query=chen&first=5');
  await send('/api/v1/users/me', { method: 'PATCH', body: JSON.stringify({ name: 'Alex R.' }) });
  await send('/api/v1/members?company_id=biz_pixelforge', { headers: { authorization: 'Bearer tok_key_pixelforge_full' } });
  server.session('default').addFault({ operationId: 'retrieveMember', status: 500, times: 1 });
  await send('/api/v1/members/mem_alexpf01', { headers: { authorization: 'Bearer tok_key_pixelforge_full' } });
  await send('/api/v1/users/me', { method: 'PATCH', body: JSON.stringify({ username: 'alex rivera!' }) });
  server.session('default').addFault({ operationId: 'retrieveUser', status: 200, body: { ...me, username: 'alex rivera!', created_at: 'last spring' }, times: 1 });
  await send('/api/v1/users/me');
  await send('/api/v1/users/me');
  await page.waitForFunction(() => document.querySelectorAll('#journal tbody tr').length >= 8, null, { timeout: 15_000 });
  await page.locator('#journal tbody tr', { hasText: '500' }).first().click();
  await page.waitForSelector('#violations');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
