import { describe, expect, it } from 'vitest';
import { anonymous } from '../../src/domain/principal.js';
import { compareKeys, CursorCodec, type PageParams, type SortKey } from '../../src/domain/paginate.js';
import { paginate } from '../support/paginate-array.js';
import { listUsers } from '../../src/domain/users/list-users.js';
import { userView } from '../../src/domain/users/user-view.js';
import { createWorld } from '../../src/world/create-world.js';
import { loadFixtures } from '../../src/bundle/fixture-files.js';
import { type UserRecord } from '../../src/world/records.js';
import { type WorldState } from '../../src/world/world-state.js';
import { NgramIndex } from '../../src/world/ngram-index.js';
import { seededRandom, type Random } from '../../src/world/random.js';

// GET /users reads pages through an n-gram index and a lazy merge of the shared base with a
// session's own records. These tests hold it to the plain definition it replaced: filter every
// user, sort oldest first, paginate the array. Random queries and cursors, same seed every run.

const codec = new CursorCodec('search-index-test');
const handler = listUsers(codec);
const OLDEST_FIRST = { name: 'created_at:asc', keyOf: (u: UserRecord): SortKey => [u.created_at, u.id], compare: compareKeys };

/** The definition: scan, filter, sort, paginate. */
function bruteForce(state: WorldState, query: Record<string, unknown>) {
  const needle = typeof query.query === 'string' ? query.query.trim().toLowerCase() : '';
  const all = [...state.users.values()].filter((u) => needle === '' || u.username.toLowerCase().includes(needle) || (u.name ?? '').toLowerCase().includes(needle));
  all.sort((a, b) => compareKeys(OLDEST_FIRST.keyOf(a), OLDEST_FIRST.keyOf(b)));
  const page = paginate(all, { scope: 'users', keyOf: OLDEST_FIRST.keyOf, compare: compareKeys, codec }, query as PageParams);
  return { data: page.data.map((user) => userView(state, user)), page_info: page.page_info };
}

const run = (state: WorldState, query: Record<string, unknown>) =>
  handler({ operationId: 'listUsers', path: {}, query, body: undefined, principal: anonymous, state }).body as ReturnType<typeof bruteForce>;

function randomNeedle(random: Random, users: readonly UserRecord[]): string {
  const user = random.pick(users);
  const source = random.int(3) === 0 ? (user.name ?? 'x') : user.username;
  switch (random.int(5)) {
    case 0:
      return random.alphanumeric(1 + random.int(2)).toLowerCase();
    case 1:
      return `zq${random.alphanumeric(3)}`; // almost surely nothing
    case 2:
      return ` ${source.slice(0, 1 + random.int(4)).toUpperCase()} `; // trimmed and lower-cased by the handler
    default: {
      const start = random.int(Math.max(0, source.length - 1));
      return source.slice(start, start + 1 + random.int(5));
    }
  }
}

/** A cursor for any user's key, matching or not (a client may hold one from an older page). */
const cursorOf = (user: UserRecord) => codec.encode('users', OLDEST_FIRST.keyOf(user));

function randomQuery(random: Random, users: readonly UserRecord[]): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (random.int(4) !== 0) query.query = randomNeedle(random, users);
  const size = 1 + random.int(49);
  if (random.int(2) === 0) query.last = size;
  else if (random.int(3) !== 0) query.first = size;
  if (random.int(2) === 0) query.after = cursorOf(random.pick(users));
  if (random.int(2) === 0) query.before = cursorOf(random.pick(users));
  return query;
}

async function world() {
  return createWorld(loadFixtures('fixtures'), { users: 3_000, seed: 99 });
}

describe('GET /users through the n-gram index', () => {
  it('answers exactly like a scan of every user, for 600 random queries, cursors and page sizes', async () => {
    const state = (await world()).createState();
    const users = [...state.users.values()];
    const random = seededRandom(2026);
    let nonEmpty = 0;
    for (let i = 0; i < 600; i += 1) {
      const query = randomQuery(random, users);
      const expected = bruteForce(state, query);
      expect(run(state, query), JSON.stringify(query)).toEqual(expected);
      if (expected.data.length > 0) nonEmpty += 1;
    }
    // The random queries must exercise real matches, not only empty pages.
    expect(nonEmpty).toBeGreaterThan(200);
  });

  it('stays exact in a session that renamed, added and deleted users (its own records are checked directly)', async () => {
    const w = await world();
    const state = w.createState();
    const other = w.createState();
    const random = seededRandom(7);
    const users = [...state.users.values()];
    for (let i = 0; i < 60; i += 1) {
      const user = random.pick(users);
      state.users.put({ ...user, username: `renamed-${i}-${user.username}`.slice(0, 42), name: i % 3 === 0 ? null : `Zed Renamed ${i}` });
    }
    for (let i = 0; i < 20; i += 1) {
      const template = random.pick(users);
      state.users.put({ ...template, id: `user_added${String(i).padStart(8, '0')}`, username: `added-${i}`, name: `Added Person ${i}`, created_at: `2023-0${1 + (i % 9)}-15T00:00:00.000Z` });
    }
    for (let i = 0; i < 20; i += 1) state.users.apply(random.pick(users).id, null);
    const now = [...state.users.values()];
    for (const needle of ['renamed', 'zed', 'added', 'person 1', 'RENAMED-1']) {
      for (const paging of [{ first: 7 }, { last: 9 }, { first: 50 }]) {
        expect(run(state, { query: needle, ...paging })).toEqual(bruteForce(state, { query: needle, ...paging }));
      }
    }
    for (let i = 0; i < 400; i += 1) {
      const query = randomQuery(random, random.int(1) === 0 ? now : users);
      expect(run(state, query), JSON.stringify(query)).toEqual(bruteForce(state, query));
    }
    // The renames stay in their session: the base and other sessions search as before.
    expect(run(other, { query: 'renamed', first: 50 }).data).toEqual([]);
    expect(run(other, { query: 'zqqq' })).toEqual(bruteForce(other, { query: 'zqqq' }));
  });

  it('walks every match once, forward and backward, in the scan order', async () => {
    const state = (await world()).createState();
    for (const needle of ['ma', 'an', 'e', 'son']) {
      const expected = bruteForce(state, { query: needle, first: 50_000 }).data.map((u) => u.id);
      const forward: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = run(state, { query: needle, first: 50, ...(after ? { after } : {}) });
        forward.push(...page.data.map((u) => u.id));
        if (!page.page_info.has_next_page) break;
        after = page.page_info.end_cursor ?? undefined;
      }
      expect(forward).toEqual(expected);
      expect(forward.length).toBeGreaterThan(50);
      const backward: string[] = [];
      let before: string | undefined;
      for (;;) {
        const page = run(state, { query: needle, last: 50, ...(before ? { before } : {}) });
        backward.unshift(...page.data.map((u) => u.id));
        if (!page.page_info.has_previous_page) break;
        before = page.page_info.start_cursor ?? undefined;
      }
      expect(backward).toEqual(expected);
    }
  });
});

describe('NgramIndex', () => {
  it('never drops a match: the candidates of a needle hold every text that contains it, in order', () => {
    const random = seededRandom(5);
    const texts = Array.from({ length: 2_000 }, () => [random.alphanumeric(3 + random.int(12)).toLowerCase(), random.int(4) === 0 ? '' : `${random.alphanumeric(5)} ${random.alphanumeric(6)}`.toLowerCase()]);
    const index = new NgramIndex(texts);
    for (let i = 0; i < 500; i += 1) {
      const source = random.pick(texts)[random.int(1)] || 'a';
      const start = random.int(Math.max(0, source.length - 1));
      const needle = i % 10 === 0 ? random.alphanumeric(1 + random.int(4)).toLowerCase() : source.slice(start, start + 1 + random.int(6));
      if (needle === '') continue;
      const found = index.candidates(needle);
      // No candidates list: a one-character needle, which the caller checks record by record.
      if (found === undefined) {
        expect(needle).toHaveLength(1);
        continue;
      }
      const candidates = [...found];
      expect([...candidates].sort((a, b) => a - b)).toEqual(candidates);
      const matching = texts.flatMap((t, position) => (t.some((text) => text.includes(needle)) ? [position] : []));
      const set = new Set(candidates);
      for (const position of matching) expect(set.has(position), `${needle} at ${position}`).toBe(true);
    }
  });
});
