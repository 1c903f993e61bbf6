import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, LATEST, startMock } from '../support/mock.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock({ generateUsers: 130, seed: 7 });
});
afterAll(() => server.close());

const TOKEN = 'tok_user_alex_readonly';
const list = (query: string) => call(server, { path: `/users?${query}`, token: TOKEN, version: LATEST });

async function walk(pageQuery: (cursor: string | null) => string, forward: boolean): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const reply = await list(pageQuery(cursor));
    expect(reply.status).toBe(200);
    const page = reply.body.data.map((u: { id: string }) => u.id);
    if (forward) ids.push(...page);
    else ids.unshift(...page);
    const info = reply.body.page_info;
    if (!(forward ? info.has_next_page : info.has_previous_page)) return ids;
    cursor = forward ? info.end_cursor : info.start_cursor;
  }
  throw new Error('pagination did not end within 100 pages');
}

describe('GET /users cursor pagination', () => {
  it('walking forward returns every user exactly once, oldest first', async () => {
    const ids = await walk((c) => `first=50${c ? `&after=${c}` : ''}`, true);
    expect(ids).toHaveLength(142);
    expect(new Set(ids).size).toBe(142);
    const all = await Promise.all(ids.slice(0, 20).map((id) => call(server, { path: `/users/${id}`, token: TOKEN })));
    const created = all.map((r) => r.body.created_at as string);
    expect([...created].sort()).toEqual(created);
  });

  it('walking backward with last/before returns the same sequence', async () => {
    const forward = await walk((c) => `first=17${c ? `&after=${c}` : ''}`, true);
    const backward = await walk((c) => `last=23${c ? `&before=${c}` : ''}`, false);
    expect(backward).toEqual(forward);
  });

  it('query filters by name or username, case-insensitively, and pages within the filter', async () => {
    const reply = await list('query=CHEN&first=50');
    const names = reply.body.data.map((u: { name: string | null; username: string }) => `${u.name ?? ''} ${u.username}`.toLowerCase());
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toContain('chen');
    const none = await list('query=zzzz-nobody');
    expect(none.body).toEqual({ data: [], page_info: { start_cursor: null, end_cursor: null, has_next_page: false, has_previous_page: false } });
  });

  it('defaults to 10 per page and refuses more than 50', async () => {
    expect((await list('')).body.data).toHaveLength(10);
    expect((await list('first=51')).status).toBe(400);
  });

  it.each([
    ['edited', (c: string) => c.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'))],
    ['made up', () => 'eyJpZCI6MX0.abc'],
  ])('a %s cursor is a 400 naming the parameter', async (_name, tamper) => {
    const cursor = (await list('first=5')).body.page_info.end_cursor as string;
    const reply = await list(`first=5&after=${encodeURIComponent(tamper(cursor))}`);
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply)).toMatchObject({ code: 'parameter_invalid', param: 'after' });
  });
});
