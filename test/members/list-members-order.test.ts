import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRecord, MockServer } from '../../src/index.js';
import { call, copyOf, startMock } from '../support/mock.js';
import { expectSorted, type OrderField } from './expect-sorted.js';
import { idsOf, PIXELFORGE } from './member-fixtures.js';

const GENERATED = 25;
let plain: MockServer;
let tied: MockServer;

/** Fixtures where Jonas and Tom joined PixelForge at the very instants Maya did: ties on every date order. */
function tiedFixtures(): string {
  const dir = copyOf('fixtures');
  const file = join(dir, 'members.json');
  const members: MemberRecord[] = JSON.parse(readFileSync(file, 'utf8'));
  const maya = members.find((m) => m.id === 'mber_pf02maya') as MemberRecord;
  const same = { created_at: maya.created_at, joined_at: maya.joined_at, most_recent_action_at: maya.most_recent_action_at };
  writeFileSync(file, JSON.stringify(members.map((m) => (m.id === 'mber_pf03jonas' || m.id === 'mber_pf05tom' ? { ...m, ...same } : m))));
  return dir;
}

beforeAll(async () => {
  [plain, tied] = await Promise.all([startMock(), startMock({ fixtures: tiedFixtures(), generateUsers: GENERATED })]);
});
afterAll(() => Promise.all([plain.close(), tied.close()]));

const list = (server: MockServer, query: string) => call(server, { path: `/members?${query}`, token: 'tok_key_pixelforge_full' });

describe('GET /members order, on the plain fixtures', () => {
  it.each([
    ['', PIXELFORGE],
    ['order=created_at', PIXELFORGE],
    ['direction=desc', [...PIXELFORGE].reverse()],
    ['order=usd_total_spent', ['mber_pf01alex', 'mber_pf03jonas', 'mber_pf06lead', 'mber_pf04priya', 'mber_pf07hana', 'mber_pf08omar', 'mber_pf05tom', 'mber_pf02maya']],
    ['order=usd_total_spent&direction=desc', ['mber_pf02maya', 'mber_pf05tom', 'mber_pf08omar', 'mber_pf07hana', 'mber_pf04priya', 'mber_pf06lead', 'mber_pf03jonas', 'mber_pf01alex']],
    ['order=id&direction=asc', [...PIXELFORGE].sort()],
    ['order=most_recent_action', ['mber_pf01alex', 'mber_pf05tom', 'mber_pf04priya', 'mber_pf06lead', 'mber_pf02maya', 'mber_pf07hana', 'mber_pf08omar', 'mber_pf03jonas']],
  ])('"%s" gives %j', async (query, expected) => {
    const reply = await list(plain, `first=50&${query}`);
    expect(reply.status).toBe(200);
    expect(idsOf(reply.body)).toEqual(expected);
  });
});

const fields: OrderField[] = ['id', 'usd_total_spent', 'created_at', 'joined_at', 'most_recent_action'];
const orders = fields.flatMap((field) => (['asc', 'desc'] as const).map((direction) => [field, direction] as const));

describe.each(orders)('order=%s direction=%s, with ties and generated members', (field, direction) => {
  const query = `order=${field}&direction=${direction}`;

  it('is sorted, ties broken by id, and holds every member', async () => {
    const reply = await list(tied, `first=50&${query}`);
    expect(reply.status).toBe(200);
    expect(reply.body.data).toHaveLength(PIXELFORGE.length + GENERATED);
    const ties = expectSorted(reply.body.data, field, direction);
    // Zero spend (three members) and the shared instants (three members) are real ties.
    if (field === 'id') expect(ties).toBe(0);
    else expect(ties).toBeGreaterThanOrEqual(2);
  });

  it('pages forward with first/after and backward with last/before, each member exactly once', async () => {
    const all = idsOf((await list(tied, `first=50&${query}`)).body);
    const forward: string[] = [];
    let after = '';
    for (let page = 0; ; page += 1) {
      const reply = await list(tied, `first=4&${query}${after}`);
      expect(reply.body.page_info.has_previous_page).toBe(page > 0);
      forward.push(...idsOf(reply.body));
      if (!reply.body.page_info.has_next_page) break;
      after = `&after=${reply.body.page_info.end_cursor}`;
    }
    expect(forward).toEqual(all);
    const backward: string[] = [];
    let before = '';
    for (;;) {
      const reply = await list(tied, `last=4&${query}${before}`);
      backward.unshift(...idsOf(reply.body));
      if (!reply.body.page_info.has_previous_page) break;
      before = `&before=${reply.body.page_info.start_cursor}`;
    }
    expect(backward).toEqual(all);
  });
});

describe('cursors belong to one list, order and direction', () => {
  it('defaults to ten per page', async () => {
    const reply = await list(tied, '');
    expect(reply.body.data).toHaveLength(10);
    expect(reply.body.page_info).toMatchObject({ has_next_page: true, has_previous_page: false });
  });

  it.each([
    ['another order', 'order=created_at', 'order=joined_at', 'after'],
    ['another direction', 'order=usd_total_spent', 'order=usd_total_spent&direction=desc', 'after'],
    ['another order, going back', 'order=id', 'order=most_recent_action', 'before'],
  ])('rejects a cursor from %s with a 400', async (_name, from, to, param) => {
    const cursor = (await list(tied, `first=2&${from}`)).body.page_info.end_cursor;
    const reply = await list(tied, `${to}&${param}=${cursor}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'parameter_invalid', param });
    expect(reply.body.error.message).toContain('different list or order');
  });

  it('rejects a cursor from another company\'s list, and an edited one', async () => {
    const cursor = (await call(tied, { path: '/members?first=2', token: 'tok_key_northwind_full' })).body.page_info.end_cursor;
    expect((await list(tied, `after=${cursor}`)).status).toBe(400);
    expect((await list(tied, `after=${cursor.slice(0, -3)}abc`)).body.error.param).toBe('after');
  });

  it('refuses first together with last', async () => {
    const reply = await list(tied, 'first=2&last=2');
    expect(reply.status).toBe(400);
    expect(reply.body.error.param).toBe('last');
  });
});
