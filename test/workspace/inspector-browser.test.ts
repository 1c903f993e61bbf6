import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { chromiumPath, closeBrowserAndMock, startBrowserAndMock } from '../support/chromium.js';
import { join } from 'node:path';
import { call, copyOf, editFile, startMock } from '../support/mock.js';

// The inspector in a real headless Chromium (the system one, driven by playwright-core): open it,
// make API calls as an app would, see them appear, read why one was refused, add a fault and see
// the next call fail, remove it, browse the state, switch sessions, reset.
const executablePath = chromiumPath();
const TOKEN = 'tok_user_alex_full';

describe.skipIf(executablePath === undefined)('the inspector in a browser', () => {
  let browser: Browser;
  let server: MockServer;
  let page: Page;
  beforeAll(async () => {
    ({ browser, server } = await startBrowserAndMock(executablePath as string));
  });
  afterAll(() => closeBrowserAndMock(browser, server));

  const rows = () => page.locator('#journal tbody tr:not([hidden])');

  it('opens at / from a browser and shows each API call as it is made, with why a request was refused and where in the spec', async () => {
    page = await browser.newPage();
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/__mock/');
    await expect.poll(() => page.locator('#session-pick').inputValue()).toBe('default');
    await call(server, { path: '/users/me', token: TOKEN });
    await call(server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { username: 42 } });
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
    // Newest first.
    expect(await rows().nth(0).innerText()).toMatch(/PATCH\s+\/users\/me\s+400\s+updateCurrentUser/);
    expect(await rows().nth(1).innerText()).toMatch(/GET\s+\/users\/me\s+200\s+retrieveUser/);
    await rows().nth(0).click();
    await expect.poll(() => page.locator('#why').innerText()).toMatch(/parameter_invalid · param username/);
    expect(await page.locator('#spec-pointer').innerText()).toBe('#/paths/~1users~1me/patch/requestBody/content/application~1json/schema/properties/username');
    expect(await page.locator('#detail').innerText()).toContain('"username": 42');
    await rows().nth(1).click();
    await expect.poll(() => page.locator('#detail').innerText()).toContain('"id": "user_alex123"');
    expect(await page.locator('#detail').innerText()).toContain('Bearer [user_oauth_token …full]');
  });

  it('adds a fault rule from the form, the next call fails, and removing it restores normal answers', async () => {
    await page.click('nav button[data-tab="faults"]');
    await expect.poll(() => page.locator('#fault-operation option[value="retrieveUser"]').count()).toBe(1);
    await page.selectOption('#fault-operation', 'retrieveUser');
    await page.fill('#fault-status', '503');
    await page.click('#fault-form button[type="submit"]');
    // 503 is not declared by retrieveUser: refused with the reason, nothing added.
    await expect.poll(() => page.locator('#fault-error').innerText()).toMatch(/503/);
    expect(await page.locator('#faults tbody tr').count()).toBe(0);
    await page.fill('#fault-status', '500');
    await page.fill('#fault-times', '2');
    await page.click('#fault-form button[type="submit"]');
    await expect.poll(() => page.locator('#faults tbody tr').count()).toBe(1);
    expect(await page.locator('#faults tbody tr').innerText()).toMatch(/retrieveUser\s+status 500\s+2/);
    expect((await call(server, { path: '/users/me', token: TOKEN })).status).toBe(500);
    await page.click('nav button[data-tab="journal"]');
    await expect.poll(() => rows().nth(0).innerText(), { timeout: 10_000 }).toMatch(/GET\s+\/users\/me\s+500/);
    await rows().nth(0).click();
    await expect.poll(() => page.locator('#why').innerText()).toMatch(/Forced by fault rule flt_1/);
    await page.click('nav button[data-tab="faults"]');
    await page.click('#faults tbody tr button');
    await expect.poll(() => page.locator('#faults tbody tr').count()).toBe(0);
    expect(server.session('default').faults()).toEqual([]);
    expect((await call(server, { path: '/users/me', token: TOKEN })).status).toBe(200);
  });

  it('browses the session state, follows the session picker, and resets the session', async () => {
    await call(server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { name: 'Renamed In App' } });
    await page.click('nav button[data-tab="state"]');
    // The kinds come from /__mock/health (the registry), users chosen first.
    await expect.poll(() => page.locator('#state-kind option').allInnerTexts()).toEqual(['companies', 'files', 'users', 'products', 'experiences', 'plans', 'promo_codes', 'members', 'tokens']);
    expect(await page.locator('#state-kind').inputValue()).toBe('users');
    await page.selectOption('#state-kind', 'products');
    await expect.poll(() => page.locator('#state-count').innerText()).toMatch(/ products in session "default"/);
    await page.selectOption('#state-kind', 'users');
    await page.fill('#state-filter', 'alex');
    await page.locator('#state-list li', { hasText: 'user_alex123' }).click();
    await expect.poll(() => page.locator('#state-record').innerText()).toContain('"name": "Renamed In App"');
    // Another session: its own journal.
    await call(server, { path: '/users/user_maya7Kd2', token: TOKEN, headers: { 'x-mock-session': 'checkout' } });
    await page.click('nav button[data-tab="journal"]');
    await expect.poll(() => page.locator('#session-pick option[value="checkout"]').count(), { timeout: 10_000 }).toBe(1);
    await page.selectOption('#session-pick', 'checkout');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    expect(await rows().nth(0).innerText()).toContain('/users/user_maya7Kd2');
    await page.selectOption('#session-pick', 'default');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBeGreaterThan(3);
    await page.click('#reset');
    await expect.poll(() => page.locator('#banner').innerText()).toContain('reset to the fixtures');
    expect(await rows().count()).toBe(0);
    expect(server.session('default').requests()).toEqual([]);
    expect((await call(server, { path: '/users/me', token: TOKEN })).body.name).toBe('Alex Rivera');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    await page.click('#reload');
    await expect.poll(() => page.locator('#banner').innerText()).toMatch(/Nothing changed/);
  });

  it('shows why a reload failed until one succeeds, while the previous world keeps serving', async () => {
    const fixtures = copyOf('fixtures');
    const editing = await startMock({ fixtures });
    try {
      const tab = await browser.newPage();
      await tab.goto(`${editing.url}/__mock/`);
      editFile(join(fixtures, 'users.json'), (text) => text.replace('"username": "alex"', '"username": 42'));
      await tab.click('#reload');
      await expect.poll(() => tab.locator('#banner').innerText()).toMatch(/Reload failed; still serving the previous specs and fixtures\.[\s\S]*users\.json: record 0 \(user_alex123\): \/username/);
      expect((await call(editing, { path: '/users/me', token: TOKEN })).body.username).toBe('alex');
      // Reopened later, the page still shows it (from /__mock/health).
      await tab.reload();
      await expect.poll(() => tab.locator('#banner').innerText()).toMatch(/users\.json: record 0/);
      editFile(join(fixtures, 'users.json'), (text) => text.replace('"username": 42', '"username": "alex"').replace('"name": "Alex Rivera"', '"name": "Alex Fixed"'));
      await tab.click('#reload');
      await expect.poll(() => tab.locator('#banner').innerText()).toMatch(/Reloaded the specs and fixtures in/);
      expect((await call(editing, { path: '/users/me', token: TOKEN })).body.name).toBe('Alex Fixed');
      await tab.close();
    } finally {
      await editing.close();
    }
  });

  it('with an admin token, asks for it and shows nothing until it is given', async () => {
    const guarded = await startMock({ adminToken: 'inspect-me-please' });
    try {
      const tab = await browser.newPage();
      await tab.goto(`${guarded.url}/__mock/`);
      await expect.poll(() => tab.locator('#token-form').isVisible()).toBe(true);
      await call(guarded, { path: '/users/me', token: TOKEN });
      await tab.waitForTimeout(1500);
      expect(await tab.locator('#journal tbody tr').count()).toBe(0);
      await tab.fill('#token', 'inspect-me-please');
      await tab.click('#token-form button');
      await expect.poll(() => tab.locator('#journal tbody tr').count(), { timeout: 10_000 }).toBe(1);
      await tab.close();
    } finally {
      await guarded.close();
    }
  });
});
