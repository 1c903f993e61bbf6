import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { chromiumPath, closeBrowserAndMock, startBrowserAndMock } from '../support/chromium.js';
import { call, LATEST } from '../support/mock.js';

// The inspector's Coverage tab in a real headless Chromium: one row per operation and version,
// the declared statuses as cells (filled once answered, marked when only forced), the
// unexercised ones named, this session or all sessions, and clearing the counts.
const executablePath = chromiumPath();
const TOKEN = 'tok_user_alex_full';

describe.skipIf(executablePath === undefined)('the inspector\'s Coverage tab', () => {
  let browser: Browser;
  let server: MockServer;
  let page: Page;
  beforeAll(async () => {
    ({ browser, server } = await startBrowserAndMock(executablePath as string));
  });
  afterAll(() => closeBrowserAndMock(browser, server));

  const rowOf = (operationId: string, version: string) => page.locator(`#coverage tbody tr[data-operation="${operationId}"][data-version="${version}"]`);
  const cellOf = (operationId: string, version: string, status: string) => rowOf(operationId, version).locator(`.cell[data-status="${status}"]`);

  it('shows each operation and version with its declared statuses, the answered ones filled, the forced ones marked, the others named', async () => {
    await call(server, { path: '/api/v1/users/me', token: TOKEN, version: LATEST });
    await call(server, { path: '/api/v1/users/nobody-at-all', token: TOKEN, version: LATEST });
    await call(server, { path: '/api/v1/users/me', token: TOKEN, version: LATEST, headers: { prefer: 'code=500' } });
    page = await browser.newPage();
    await page.goto(`${server.url}/__mock/`);
    await page.click('nav button[data-tab="coverage"]');
    await expect.poll(() => page.locator('#coverage tbody tr').count(), { timeout: 10_000 }).toBe(14);
    expect(await page.locator('#coverage-summary').innerText()).toBe('3.4% of declared (operation, version, status) cells exercised in session "default": 3 of 88 (1 only when forced) · 1 of 14 operation versions called · 1 of 80 fields sent · 3 requests');
    expect(await cellOf('retrieveUser', LATEST, '200').getAttribute('class')).toBe('cell seen');
    expect(await cellOf('retrieveUser', LATEST, '404').getAttribute('class')).toBe('cell seen');
    expect(await cellOf('retrieveUser', LATEST, '500').getAttribute('class')).toBe('cell forced');
    expect(await cellOf('retrieveUser', LATEST, '403').getAttribute('class')).toBe('cell never');
    expect(await rowOf('retrieveUser', LATEST).locator('td').nth(2).innerText()).toBe('3');
    expect(await rowOf('retrieveUser', LATEST).locator('td.never').nth(0).innerText()).toBe('400, 401, 403');
    expect(await rowOf('retrieveUser', LATEST).locator('td.never').nth(1).innerText()).toBe('query account_id');
    expect(await rowOf('listUsers', LATEST).locator('td.never').nth(0).innerText()).toBe('200, 400, 401, 403, 404, 500');
    expect(await rowOf('listUsers', LATEST).locator('td').last().innerText()).toBe('no');
  });

  it('follows new requests while shown, switches to all sessions, and clears the counts', async () => {
    await call(server, { path: '/api/v1/members/mber_pf02maya', token: 'tok_key_pixelforge_full', version: LATEST, headers: { 'x-mock-session': 'elsewhere' } });
    await call(server, { path: '/api/v1/users/me', token: 'tok_not_real', version: LATEST });
    await expect.poll(() => cellOf('retrieveUser', LATEST, '401').getAttribute('class'), { timeout: 10_000 }).toBe('cell seen');
    // This session's report has no member request; all sessions' has it.
    expect(await cellOf('retrieveMember', LATEST, '200').getAttribute('class')).toBe('cell never');
    await page.selectOption('#coverage-scope', 'all');
    await expect.poll(() => cellOf('retrieveMember', LATEST, '200').getAttribute('class'), { timeout: 10_000 }).toBe('cell seen');
    expect(await page.locator('#coverage-summary').innerText()).toMatch(/in all sessions: 5 of 88 .* · 5 requests$/);
    await page.click('#coverage-clear');
    await expect.poll(() => page.locator('#coverage-summary').innerText(), { timeout: 10_000 }).toMatch(/^0% .* 0 of 88 · 0 of 14 operation versions called · 0 of 80 fields sent · 0 requests$/);
    expect((await server.coverage()).summary.requests).toBe(0);
  });
});
