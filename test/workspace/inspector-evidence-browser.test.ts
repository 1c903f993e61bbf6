import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry, MockServer } from '../../src/index.js';
import { chromiumPath, closeBrowserAndMock, startBrowserAndMock } from '../support/chromium.js';
import { call } from '../support/mock.js';

// The inspector's evidence in a real headless Chromium (the system one, driven by playwright-core),
// beside test/workspace/inspector-browser.test.ts: a contract violation with the body it withheld
// and every error placed in the spec, the response headers, copy as curl (run with curl), replay,
// the journal as HAR and the state as fixtures, the status filter and the count of requests that
// matched no operation, a page that works at 800 px, and times in the browser's zone.
const executablePath = chromiumPath();
const TOKEN = 'tok_user_alex_full';
const ZONE = 'Asia/Kolkata';
const run = promisify(execFile);

describe.skipIf(executablePath === undefined)('the inspector keeps the evidence (in a browser, 800 px wide)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: MockServer;
  let page: Page;
  const session = 'evidence';
  const send = (request: Parameters<typeof call>[1]) => call(server, { token: TOKEN, ...request, headers: { 'x-mock-session': session, ...request.headers } });
  const rows = () => page.locator('#journal tbody tr:not([hidden])');
  const entries = () => server.session(session).requests() as JournalEntry[];

  beforeAll(async () => {
    ({ browser, server } = await startBrowserAndMock(executablePath as string));
    context = await browser.newContext({ viewport: { width: 800, height: 900 }, timezoneId: ZONE, acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${server.url}/__mock/#session=${session}`);
    // A fault whose body breaks the spec: strict mode answers 500 and keeps the body it withheld.
    server.session(session).addFault({ operationId: 'retrieveUser', status: 200, body: { id: 5, username: 'no spaces' }, times: 1 });
    await send({ path: '/users/me', headers: { origin: 'http://localhost:5173' } });
    await send({ path: '/users/me' });
    await send({ method: 'PATCH', path: '/users/me', body: { name: 'Replay Me', bio: 'again' } });
    await send({ path: '/no/such/thing' });
    await send({ path: '/users?first=0' });
    await rows().nth(4).waitFor({ timeout: 10_000 });
  });
  afterAll(() => closeBrowserAndMock(browser, server));

  it('opens a violation with the body the client never got and every error, each with its place in the spec', async () => {
    await rows().nth(4).click();
    await expect.poll(() => page.locator('#why').innerText()).toMatch(/Contract violation \(the response\)/);
    const errors = await page.locator('#violations li').allInnerTexts();
    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(errors.join('\n')).toContain('/id type: must be string');
    expect(errors.join('\n')).toContain('#/components/schemas/User/properties/id/type');
    expect(errors.join('\n')).toContain('#/components/schemas/User/required');
    expect(await page.locator('#spec-pointer').innerText()).toMatch(/^#\/components\/schemas\/User\//);
    expect(JSON.parse(await page.locator('#withheld').innerText())).toEqual({ id: 5, username: 'no spaces' });
    // The response headers as sent, CORS included.
    const headers = JSON.parse(await page.locator('#response-headers').innerText());
    expect(headers).toMatchObject({ 'access-control-allow-origin': 'http://localhost:5173', 'x-mock-session': session, 'content-type': 'application/json; charset=utf-8' });
  });

  it('shows times in the browser\'s zone, with the UTC time on hover', async () => {
    const first = entries()[0] as JournalEntry;
    const local = new Date(first.time).toLocaleTimeString('en-GB', { timeZone: ZONE, hour12: false });
    const cell = rows().nth(4).locator('td').first();
    expect(await cell.innerText()).toBe(`${local}.${first.time.slice(20, 23)}`);
    expect(await cell.getAttribute('title')).toBe(`${first.time} (UTC)`);
    expect(await page.locator('#entry-time').getAttribute('title')).toBe(`${first.time} (UTC)`);
  });

  it('copies a request as curl that reproduces it against the mock, the token as a variable', async () => {
    await rows().nth(2).click();
    await page.click('#copy-curl');
    const curl = await page.locator('#curl').innerText();
    expect(curl).toContain('"authorization: Bearer $WHOP_TOKEN"');
    expect(curl).not.toContain('full]');
    expect(curl).toContain(`--data-raw '{"name":"Replay Me","bio":"again"}'`);
    const before = entries().length;
    const { stdout } = await run('sh', ['-c', `${curl} -s -o /dev/null -w '%{http_code}'`], { env: { ...process.env, WHOP_TOKEN: TOKEN }, timeout: 10_000 });
    expect(stdout).toBe('200');
    const again = entries();
    expect(again).toHaveLength(before + 1);
    expect(again.at(-1)).toMatchObject({ method: 'PATCH', path: '/users/me', body: { name: 'Replay Me', bio: 'again' }, status: 200, headers: { authorization: 'Bearer [user_oauth_token …full]' } });
  });

  it('replays a request into the same session, its token found again, and opens the replay', async () => {
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(6);
    await rows().nth(1).click();
    await expect.poll(() => page.locator('#detail h2').innerText()).toMatch(/^GET \/users\?first=0 → 400/);
    await rows().nth(4).click();
    await expect.poll(() => page.locator('#detail h2').innerText()).toMatch(/^GET \/users\/me → 200/);
    await page.click('#replay');
    await expect.poll(() => page.locator('#banner').innerText()).toMatch(/Replayed req_2 into this session: 200\./);
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(7);
    await expect.poll(() => page.locator('#detail h2').innerText()).toMatch(/^GET \/users\/me → 200/);
    const replayed = entries().at(-1) as JournalEntry;
    expect(replayed).toMatchObject({ id: 'req_7', path: '/users/me', status: 200, headers: { authorization: 'Bearer [user_oauth_token …full]', 'x-mock-session': session } });
    expect(await page.locator('#journal tr.selected').getAttribute('data-id')).toBe('req_7');
  });

  it('filters by status class and violations, and counts the requests that matched no operation', async () => {
    expect(await page.locator('#journal-unmatched').innerText()).toBe('1 matched no operation');
    await page.selectOption('#journal-class', '4xx');
    expect((await rows().allInnerTexts()).map((row) => row.split('\t')[3])).toEqual(['400', '404']);
    await page.selectOption('#journal-class', 'violation');
    expect((await rows().allInnerTexts()).map((row) => row.split('\t')[3])).toEqual(['500']);
    await page.selectOption('#journal-class', '2xx');
    expect(await rows().count()).toBe(4);
    await page.click('#journal-unmatched');
    expect((await rows().allInnerTexts()).map((row) => row.split('\t')[2])).toEqual(['/no/such/thing']);
    await page.selectOption('#journal-class', '');
    expect(await rows().count()).toBe(7);
  });

  it('downloads the journal as HAR 1.2 and the state as one fixtures object a session can be restored from', async () => {
    const [har] = await Promise.all([page.waitForEvent('download'), page.click('#download-har')]);
    expect(har.suggestedFilename()).toBe(`whop-mock-${session}.har`);
    const log = JSON.parse(readFileSync((await har.path()) as string, 'utf8')).log;
    expect(log.version).toBe('1.2');
    expect(log.creator.name).toBe('whop-mock inspector');
    expect(log.entries).toHaveLength(7);
    const patch = log.entries[2];
    expect(patch.request).toMatchObject({ method: 'PATCH', url: `${server.url}/api/v1/users/me`, httpVersion: 'HTTP/1.1', postData: { mimeType: 'application/json', text: '{"name":"Replay Me","bio":"again"}' }, headersSize: -1 });
    expect(patch.request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [user_oauth_token …full]' });
    expect(patch.response).toMatchObject({ status: 200, statusText: 'OK', content: { mimeType: 'application/json; charset=utf-8' } });
    expect(JSON.parse(patch.response.content.text)).toMatchObject({ name: 'Replay Me' });
    expect(log.entries[4].request.queryString).toEqual([{ name: 'first', value: '0' }]);
    for (const entry of log.entries) {
      expect(Date.parse(entry.startedDateTime)).not.toBeNaN();
      expect(entry.timings.wait).toBe(entry.time);
    }
    const [state] = await Promise.all([page.waitForEvent('download'), page.click('#download-state')]);
    expect(state.suggestedFilename()).toBe(`whop-mock-${session}-fixtures.json`);
    const world = JSON.parse(readFileSync((await state.path()) as string, 'utf8'));
    expect(Object.keys(world)).toEqual(Object.keys(server.session(session).state()));
    expect(world.users.find((user: { id: string }) => user.id === 'user_alex123').name).toBe('Replay Me');
    server.session('restored').restore(world);
    expect(server.session('restored').state()).toEqual(server.session(session).state());
  });

  it('works at 800 px: the header is one row of whole buttons, and the status column is not cut off', async () => {
    const boxes = async (selector: string) => Promise.all((await page.locator(selector).all()).map(async (node) => (await node.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }));
    const [header] = await boxes('header');
    const shown = await boxes('header > :visible');
    expect(header?.height).toBeLessThan(50);
    expect(Math.max(...shown.map((box) => box.y)) - Math.min(...shown.map((box) => box.y))).toBeLessThan(16);
    expect(Math.max(...shown.map((box) => box.x + box.width))).toBeLessThanOrEqual(800);
    for (const button of await boxes('header button')) expect(button.height).toBeLessThan(32);
    const [pane] = await boxes('#tab-journal .list-pane');
    const [cell] = await boxes('#journal tbody tr:not([hidden]) td:nth-child(4)');
    expect(await rows().first().locator('td').nth(3).innerText()).toMatch(/^\d{3}$/);
    expect((cell?.x ?? 0) + (cell?.width ?? 0)).toBeLessThanOrEqual((pane?.x ?? 0) + (pane?.width ?? 0));
    expect(await page.locator('#tab-journal .list-pane').evaluate((node: { scrollWidth: number; clientWidth: number }) => node.scrollWidth - node.clientWidth)).toBeLessThanOrEqual(0);
  });

  it('lists a precise rule and a sequence in the fault rules panel', async () => {
    server.session(session).addFault({ operationId: 'listUsers', query: { first: 50 }, account_id: 'biz_pixelforge', sequence: [{ status: 500 }, { pass: true }] });
    await page.click('nav button[data-tab="faults"]');
    await expect.poll(() => page.locator('#faults tbody tr').count()).toBe(1);
    expect(await page.locator('#faults tbody tr').innerText()).toMatch(/listUsers query first=50 account biz_pixelforge\s+sequence: status 500 → pass\s+2/);
  });
});
