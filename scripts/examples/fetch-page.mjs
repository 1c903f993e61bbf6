// examples/fetch-page: the installed `npx whop-mock` on one port, the example's own `node serve.mjs`
// on another (so the page calls the mock cross-origin, through CORS), the page in headless
// Chromium (the system one, driven by playwright-core from this repository): it must list the
// users, save an edit, show the list with it, and show a refused edit as the Whop error envelope.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { cleanEnv, start } from '../support/processes.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const LISTENING = /listening on (http:\/\/\S+)/;

export async function checkFetchPage({ dir }) {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`no Chromium at ${CHROMIUM}: CI must install it (apt-get install chromium)`);
    return { skipped: true, note: `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)` };
  }
  const mock = start('npx', ['--no', '--', 'whop-mock', '--port', '0'], { cwd: dir });
  const site = start(process.execPath, ['serve.mjs'], { cwd: dir, env: cleanEnv({ PORT: '0' }) });
  let browser;
  try {
    // The mock says 127.0.0.1 (which this script uses); the browser gets the name a person types.
    const mockAt = (await mock.waitFor(LISTENING))[1];
    const mockUrl = mockAt.replace('127.0.0.1', 'localhost');
    const pageUrl = (await site.waitFor(/page on (http:\/\/\S+?)\/? /))[1];
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${pageUrl}/?mock=${encodeURIComponent(mockUrl)}`);
    const text = (selector) => page.locator(selector).first().textContent({ timeout: 2000 }).catch(() => null);
    const until = async (selector, expected) => {
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        if ((await text(selector))?.trim() === expected) return;
      }
      throw new Error(`expected "${expected}" at ${selector}, the page shows "${await text(selector)}"; error line: "${await text('#error')}"; page errors: ${problems.join(' | ') || 'none'}`);
    };
    const edit = async (id, name) => {
      await page.locator(`#users tr[data-id="${id}"] button`).click();
      await page.fill('#edit input[name="name"]', name);
      await page.click('#edit button[type="submit"]');
    };

    await until('#users tr[data-id="user_alex123"] .name', 'Alex Rivera');
    const listed = await page.locator('#users tbody tr').count();
    const users = await api(mockAt, '/users?first=50');
    if (listed !== users.data.length) throw new Error(`the page lists ${listed} users, the mock has ${users.data.length}`);

    await edit('user_alex123', 'Alexandra From The Page');
    await until('#status', 'Saved alex.');
    await until('#users tr[data-id="user_alex123"] .name', 'Alexandra From The Page');
    const stored = await api(mockAt, '/users/user_alex123');
    if (stored.name !== 'Alexandra From The Page') throw new Error(`the mock holds the name "${stored.name}" after the page's edit`);

    // Alex's token may not edit Maya: the page shows the mock's 403 envelope, and nothing changed.
    await edit('user_maya7Kd2', 'Not Mine');
    await until('#error', '403 forbidden (code forbidden, param id): A user OAuth token can only update its own profile.');
    await until('#users tr[data-id="user_maya7Kd2"] .name', 'Maya Chen');

    // The browser really called across origins: the journal has the page's Origin on its PATCH.
    const journal = await fetch(`${mockAt}/__mock/requests?method=PATCH`).then((response) => response.json());
    const origins = [...new Set(journal.data.map((entry) => entry.headers.origin))];
    if (journal.data.length !== 2 || origins.length !== 1 || origins[0] !== new URL(pageUrl).origin) {
      throw new Error(`the journal's PATCH requests: ${JSON.stringify(journal.data.map((entry) => [entry.status, entry.headers.origin]))}`);
    }
    if (problems.length > 0) throw new Error(`errors in the page: ${problems.join(' | ')}`);
    return { note: `${listed} users listed, edit saved, 403 shown, from ${new URL(pageUrl).origin} to ${mockUrl}` };
  } finally {
    await browser?.close();
    await site.stop();
    await mock.stop();
  }
}

/** The mock's answer, as the page's token sees it. */
async function api(mockAt, path) {
  const response = await fetch(`${mockAt}/api/v1${path}`, { headers: { authorization: 'Bearer tok_user_alex_full', 'api-version-date': '2026-07-20' } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}
