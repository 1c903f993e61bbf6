import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fixtures, MockServer } from '../../src/index.js';
import { envelopeOf, startMock } from '../support/mock.js';

// GET /__mock/state over a large world: streamed whole (fixtures-shaped, loadable as fixtures),
// or paged one kind at a time, so no single request holds the event loop for long.
let server: MockServer;
beforeAll(async () => {
  server = await startMock({ generateUsers: 5000, seed: 7, controlPageMax: 2000 });
});
afterAll(() => server.close());

const KINDS = ['companies', 'files', 'users', 'products', 'experiences', 'plans', 'promo_codes', 'members', 'tokens'];
const get = (path: string, session = 'export') => fetch(`${server.url}${path}`, { headers: { 'x-mock-session': session } });

describe('the full export', () => {
  it('is streamed in chunks, shaped like the fixtures folder, and equal to the session state', async () => {
    await fetch(`${server.url}/users/me`, { method: 'PATCH', headers: { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json', 'x-mock-session': 'export' }, body: '{"name":"Exported"}' });
    const response = await get('/__mock/state');
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const state = (await response.json()) as Fixtures;
    expect(Object.keys(state)).toEqual(KINDS);
    expect(state.users.length).toBeGreaterThan(5000);
    expect(state.users.find((user) => user.id === 'user_alex123')?.name).toBe('Exported');
    expect(state).toEqual(server.session('export').state());
  });

  it('loads back as a fixtures folder', async () => {
    await fetch(`${server.url}/users/me`, { method: 'PATCH', headers: { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json', 'x-mock-session': 'saved' }, body: '{"bio":"kept across restarts"}' });
    const state = (await (await get('/__mock/state', 'saved')).json()) as Record<string, unknown>;
    const folder = mkdtempSync(join(tmpdir(), 'whop-mock-export-'));
    for (const [kind, records] of Object.entries(state)) writeFileSync(join(folder, `${kind}.json`), JSON.stringify(records));
    const restored = await startMock({ fixtures: folder, loadPrism: 'on-demand' });
    try {
      const me = await fetch(`${restored.url}/users/me`, { headers: { authorization: 'Bearer tok_user_alex_full' } });
      expect(((await me.json()) as { bio: string }).bio).toBe('kept across restarts');
      expect(restored.session('any').state()).toEqual(state);
    } finally {
      await restored.close();
    }
  });
});

describe('paging one kind: ?kind=&limit=&after=', () => {
  it('walks every user in the same order as the full export, limit at a time', async () => {
    const full = (await (await get('/__mock/state', 'pages')).json()) as Fixtures;
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = `/__mock/state?kind=users&limit=1500${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
      const page = (await (await get(query, 'pages')).json()) as { kind: string; data: Array<{ id: string }>; page_info: { end_cursor: string | null; has_next_page: boolean } };
      expect(page.kind).toBe('users');
      ids.push(...page.data.map((user) => user.id));
      after = page.page_info.has_next_page ? page.page_info.end_cursor : null;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(Math.ceil(full.users.length / 1500));
    expect(ids).toEqual(full.users.map((user) => user.id));
  });

  it('defaults to the page maximum, and pages small kinds in one go', async () => {
    const users = (await (await get('/__mock/state?kind=users')).json()) as { data: unknown[]; page_info: { has_next_page: boolean } };
    expect(users.data).toHaveLength(2000);
    expect(users.page_info.has_next_page).toBe(true);
    const tokens = (await (await get('/__mock/state?kind=tokens')).json()) as { data: Array<{ token: string }>; page_info: { end_cursor: string; has_next_page: boolean } };
    expect(tokens.page_info).toEqual({ end_cursor: tokens.data.at(-1)?.token, has_next_page: false });
  });

  it.each([
    ['/__mock/state?kind=people', 'kind'],
    ['/__mock/state?kind=users&limit=0', 'limit'],
    ['/__mock/state?kind=users&limit=2001', 'limit'],
    ['/__mock/state?kind=users&limit=ten', 'limit'],
    ['/__mock/state?kind=users&after=user_nobody', 'after'],
    ['/__mock/state?limit=10', 'limit'],
    ['/__mock/state?after=user_alex123', 'after'],
    ['/__mock/state?page=2', 'page'],
  ])('%s is a 400 naming %s', async (path, param) => {
    const response = await get(path);
    const body = { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
    expect(body.status).toBe(400);
    expect(envelopeOf(body)).toMatchObject({ code: 'parameter_invalid', param });
  });

  it('HEAD answers the headers only', async () => {
    const response = await fetch(`${server.url}/__mock/state`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
