import { describe, expect, it } from 'vitest';
import type { JournalEntry, JournalInput } from '../../src/state/journal/journal-entry.js';
import { JournalBudget } from '../../src/state/journal/journal-budget.js';
import type { JournalFilter } from '../../src/state/journal/journal.js';
import { MemoryJournal, type JournalLimits } from '../../src/state/journal/memory-journal.js';

function input(n: number, overrides: Partial<JournalInput> = {}): JournalInput {
  return {
    receivedAt: Date.UTC(2026, 0, 1, 0, 0, n),
    method: 'GET',
    path: `/users/user_${n}`,
    search: '',
    query: null,
    headers: { authorization: 'Bearer t' },
    rawBody: undefined,
    bodyJson: undefined,
    tokenKind: () => undefined,
    operationId: 'retrieveUser',
    template: '/users/{id}',
    version: '2026-06-09',
    status: 200,
    responsePayload: JSON.stringify({ n }),
    validation: { valid: true },
    faultId: null,
    durationMs: 1.23456,
    ...overrides,
  };
}

const MiB = 1024 * 1024;
const limits = (overrides: Partial<JournalLimits> = {}): JournalLimits => ({ entries: 100, sessionBytes: MiB, bodyBytes: 1024, isSecret: () => false, ...overrides });
const journalOf = (overrides: Partial<JournalLimits> = {}, budget = new JournalBudget(64 * MiB)) => new MemoryJournal(limits(overrides), budget);
const ALL = { limit: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY };
const entries = (journal: MemoryJournal, filter: JournalFilter = {}, window = ALL): JournalEntry[] =>
  journal.page(filter, window).entries.map((entry) => JSON.parse(entry) as JournalEntry);

describe('MemoryJournal: entries', () => {
  it('keeps the last `entries`, oldest first, with ids that keep counting', () => {
    const journal = journalOf({ entries: 3 });
    for (let n = 1; n <= 5; n += 1) journal.record(input(n));
    expect(entries(journal).map((entry) => [entry.id, entry.path])).toEqual([
      ['req_3', '/users/user_3'],
      ['req_4', '/users/user_4'],
      ['req_5', '/users/user_5'],
    ]);
    expect(journal.clear()).toBe(3);
    journal.record(input(6));
    expect(entries(journal).map((entry) => entry.id)).toEqual(['req_6']);
  });

  it('a limit of 0 keeps nothing', () => {
    const journal = journalOf({ entries: 0 });
    journal.record(input(1));
    expect(entries(journal)).toEqual([]);
    expect(journal.bytes).toBe(0);
  });

  it('keeps the request as JSON: query, raw query string, a JSON body as JSON, other bodies as text, the response as sent', () => {
    const journal = journalOf();
    const parsed = { account_id: 'biz_1', first: 5, statuses: ['a'] };
    journal.record(input(1, { method: 'PATCH', search: 'account_id=biz_1&first=5&statuses[]=a', query: parsed, rawBody: Buffer.from('{"name": "x"}'), bodyJson: '{"name": "x"}' }));
    journal.record(input(2, { rawBody: Buffer.from('not json') }));
    const [first, second] = entries(journal);
    expect(first).toEqual({
      id: 'req_1',
      time: '2026-01-01T00:00:01.000Z',
      method: 'PATCH',
      path: '/users/user_1',
      path_template: '/users/{id}',
      operationId: 'retrieveUser',
      version: '2026-06-09',
      headers: { authorization: 'Bearer [unknown token]' },
      query: { account_id: 'biz_1', first: 5, statuses: ['a'] },
      query_string: 'account_id=biz_1&first=5&statuses[]=a',
      body: { name: 'x' },
      body_size: 13,
      body_truncated: false,
      status: 200,
      response_body: { n: 1 },
      response_size: 7,
      response_truncated: false,
      validation: { valid: true },
      response_headers: {},
      withheld_response: null,
      fault_id: null,
      fault_step: null,
      duration_ms: 1.235,
      request_validation: null,
      upstream: null,
    });
    expect(second).toMatchObject({ body: 'not json', body_size: 8, query: {}, query_string: '' });
  });

  it('redacts secret-looking query parameters in query and query_string, in every mode', () => {
    const journal = journalOf();
    const search = 'access_token=tok_query_secret_1234&api_key=short&first=5&client_secret=cs_live_abcdefgh9876';
    journal.record(input(1, { search, query: { access_token: 'tok_query_secret_1234', api_key: 'short', first: 5, client_secret: 'cs_live_abcdefgh9876' } }));
    const [entry] = entries(journal);
    expect(entry?.query).toEqual({ access_token: '[redacted …1234]', api_key: '[redacted]', first: 5, client_secret: '[redacted …9876]' });
    expect(decodeURIComponent(entry?.query_string ?? '')).toBe('access_token=[redacted …1234]&api_key=[redacted]&first=5&client_secret=[redacted …9876]');
    expect(JSON.stringify(entry)).not.toMatch(/tok_query_secret|cs_live_abcdefgh|short/);
    expect(journal.page({}, ALL).entries.join('')).toMatch(/^[\x00-\x7f]*$/);
  });

  it("without an operation's parse, reads the query plainly: key[] and repeated keys are arrays, values strings, __proto__ a key", () => {
    const journal = journalOf();
    journal.record(input(1, { search: 'tags[]=x&ids=a&ids=b&n=1&flag=true&q=a%20b&__proto__=p', query: null }));
    const [entry] = entries(journal);
    expect(entry?.query).toEqual(JSON.parse('{"tags":["x"],"ids":["a","b"],"n":"1","flag":"true","q":"a b","__proto__":"p"}'));
    expect(Object.prototype).not.toHaveProperty('p');
  });

  it('filters by method, concrete path or template, operationId and status', () => {
    const journal = journalOf();
    journal.record(input(1));
    journal.record(input(2, { method: 'PATCH', operationId: 'updateUser', status: 422 }));
    journal.record(input(3, { path: '/users/me', template: '/users/me', operationId: 'updateCurrentUser', method: 'PATCH', status: 200 }));
    const ids = (filter: JournalFilter) => entries(journal, filter).map((entry) => entry.id);
    expect(ids({ method: 'patch' })).toEqual(['req_2', 'req_3']);
    expect(ids({ path: '/users/{id}' })).toEqual(['req_1', 'req_2']);
    expect(ids({ path: '/users/user_1' })).toEqual(['req_1']);
    expect(ids({ operationId: 'updateCurrentUser' })).toEqual(['req_3']);
    expect(ids({ status: 422 })).toEqual(['req_2']);
    expect(ids({ method: 'PATCH', status: 200 })).toEqual(['req_3']);
  });

  it('pages: `limit` entries after a cursor, with whether more match, and a byte cap that still returns one entry', () => {
    const journal = journalOf();
    for (let n = 1; n <= 7; n += 1) journal.record(input(n, { method: n % 2 === 0 ? 'PATCH' : 'GET' }));
    const first = journal.page({}, { limit: 3, maxBytes: MiB });
    expect([first.entries.length, first.lastSeq, first.hasMore]).toEqual([3, 3, true]);
    const second = journal.page({}, { after: 3, limit: 3, maxBytes: MiB });
    expect([second.lastSeq, second.hasMore]).toEqual([6, true]);
    const last = journal.page({}, { after: 6, limit: 3, maxBytes: MiB });
    expect([last.entries.length, last.lastSeq, last.hasMore]).toEqual([1, 7, false]);
    const patches = journal.page({ method: 'PATCH' }, { after: 2, limit: 2, maxBytes: MiB });
    expect([patches.lastSeq, patches.hasMore]).toEqual([6, false]);
    expect(journal.page({}, { limit: 10, maxBytes: 1 }).entries).toHaveLength(1);
  });

  it('keeps order, counts and cursors through many turns of its ring, with count and byte evictions mixed in', () => {
    // A model of the contract (oldest first, at most `entries`, at most `sessionBytes`), checked
    // after every request: runs of large entries (the byte budget evicts, the oldest slot moves)
    // then of small ones (the count limit evicts), so the ring wraps, grows while wrapped, and
    // is cleared and grown again.
    const sessionBytes = 24 * 1024;
    const journal = journalOf({ entries: 37, sessionBytes, bodyBytes: 4096 });
    const request = (n: number) => input(n, { rawBody: Buffer.alloc(n % 130 < 20 ? 3000 : 10, 'a') });
    const bytesOf = (n: number) => {
      const alone = journalOf({ bodyBytes: 4096 });
      alone.record(request(n));
      return alone.bytes;
    };
    let model: Array<{ seq: number; bytes: number }> = [];
    const total = () => model.reduce((sum, m) => sum + m.bytes, 0);
    for (let n = 1; n <= 400; n += 1) {
      if (n === 250) {
        expect(journal.clear()).toBe(model.length);
        model = [];
      }
      journal.record(request(n));
      model.push({ seq: n, bytes: bytesOf(n) });
      while (model.length > 37 || total() > sessionBytes) model.shift();
      expect([journal.count, journal.bytes]).toEqual([model.length, total()]);
      expect(entries(journal).map((entry) => entry.id)).toEqual(model.map((m) => `req_${m.seq}`));
      const middle = model[Math.floor(model.length / 2)]?.seq ?? 0;
      const after = journal.page({}, { after: middle, limit: 5, maxBytes: MiB });
      expect(after.entries.map((entry) => (JSON.parse(entry) as JournalEntry).id)).toEqual(model.filter((m) => m.seq > middle).slice(0, 5).map((m) => `req_${m.seq}`));
    }
  });
});

describe('MemoryJournal: what an entry holds', () => {
  it('cuts a body over the body limit, keeping its first bytes as text, its size and a marker', () => {
    const journal = journalOf({ bodyBytes: 100 });
    const bio = `{"bio":"${'é'.repeat(5000)}"}`;
    const response = JSON.stringify({ id: 'user_1', bio: 'x'.repeat(300) });
    journal.record(input(1, { method: 'PATCH', rawBody: Buffer.from(bio), bodyJson: bio, responsePayload: response }));
    const [entry] = entries(journal);
    expect(entry).toMatchObject({ body_size: Buffer.byteLength(bio), body_truncated: true, response_size: response.length, response_truncated: true });
    expect(typeof entry?.body).toBe('string');
    // Cut on a character boundary: 'é' is two bytes, so 100 bytes hold `{"bio":"` and 46 of them.
    expect(entry?.body).toBe(`{"bio":"${'é'.repeat(46)}`);
    expect(entry?.response_body).toBe(response.slice(0, 100));
    expect(journal.bytes).toBeLessThan(1200);
  });

  it('never keeps a whole bearer token: its kind and last four characters; the admin token not even that', () => {
    const journal = journalOf({ isSecret: (token) => token === 'admin-s3cret-token' });
    const kinds: Record<string, string> = { tok_user_alex_full: 'user_oauth_token' };
    const tokenKind = (token: string) => kinds[token];
    journal.record(input(1, { tokenKind, headers: { authorization: 'Bearer tok_user_alex_full', cookie: 'sid=abc123; theme=dark', 'x-api-key': 'key_live_0123456789', 'x-mock-session': 's1' } }));
    journal.record(input(2, { tokenKind, headers: { authorization: 'Bearer admin-s3cret-token' } }));
    journal.record(input(3, { tokenKind, headers: { authorization: 'Bearer tok_unknown_but_long' } }));
    journal.record(input(4, { tokenKind, headers: { authorization: 'Basic dXNlcjpwYXNz' } }));
    journal.record(input(5, { tokenKind, headers: { authorization: 'Bearer short' } }));
    const headers = entries(journal).map((entry) => entry.headers);
    expect(headers[0]).toEqual({ authorization: 'Bearer [user_oauth_token …full]', cookie: 'sid=[redacted]; theme=[redacted]', 'x-api-key': '[redacted …6789]', 'x-mock-session': 's1' });
    expect(headers.slice(1).map((h) => h.authorization)).toEqual(['Bearer [admin token]', 'Bearer [unknown token …long]', 'Basic [redacted]', 'Bearer [unknown token]']);
    const raw = journal.page({}, ALL).entries.map(String).join('\n');
    for (const secret of ['tok_user_alex_full', 'admin-s3cret', 'abc123', 'key_live_0123456789', 'dXNlcjpwYXNz', 'short']) expect(raw).not.toContain(secret);
    // The marker is written \u2026 in the text: the same JSON, one byte per character.
    expect(raw).toMatch(/^[\x00-\x7f]*$/);
  });

  it('a body it could not parse (5,000 levels deep, invalid UTF-8) is kept as text, so reading never fails', () => {
    const journal = journalOf({ bodyBytes: 64 * 1024 });
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    journal.record(input(1, { method: 'PATCH', rawBody: Buffer.from(deep), status: 400 }));
    journal.record(input(2, { method: 'PATCH', rawBody: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), status: 400 }));
    const [nested, bytes] = entries(journal);
    expect(nested?.body).toBe(deep);
    expect(bytes?.body).toBe('{"\ufffd"}');
  });
});

describe('MemoryJournal: byte budgets', () => {
  const big = (n: number, size: number) => input(n, { method: 'PATCH', rawBody: Buffer.alloc(size, 'a'), responsePayload: JSON.stringify({ bio: 'b'.repeat(size) }) });

  it("evicts a session's oldest entries to stay within its byte budget, counting what each entry holds", () => {
    const journal = journalOf({ sessionBytes: 40 * 1024, bodyBytes: 4096 });
    for (let n = 1; n <= 50; n += 1) journal.record(big(n, 10_000));
    expect(journal.bytes).toBeLessThanOrEqual(40 * 1024);
    const kept = entries(journal);
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.length).toBeLessThan(10);
    expect(kept.at(-1)?.id).toBe('req_50');
    // Each entry counts at least the two cut bodies it holds (4 KiB each) plus its other strings.
    expect(journal.bytes).toBeGreaterThan(kept.length * 2 * 4096);
    expect(journal.bytes).toBeLessThan(kept.length * (2 * 4096 + 1024));
  });

  it('shares one process budget: past it, the oldest entries of any session go first', () => {
    const budget = new JournalBudget(100 * 1024);
    const a = journalOf({ bodyBytes: 4096 }, budget);
    const b = journalOf({ bodyBytes: 4096 }, budget);
    for (let n = 1; n <= 10; n += 1) a.record(big(n, 5000));
    const aBefore = a.count;
    for (let n = 1; n <= 30; n += 1) b.record(big(n, 5000));
    expect(budget.bytes).toBeLessThanOrEqual(100 * 1024);
    expect(budget.bytes).toBe(a.bytes + b.bytes);
    expect(aBefore).toBe(10);
    expect(a.count).toBe(0);
    expect(entries(b).at(-1)?.id).toBe('req_30');
    a.record(big(11, 5000));
    expect(entries(a).map((entry) => entry.id)).toEqual(['req_11']);
    expect(b.clear()).toBeGreaterThan(0);
    expect(budget.bytes).toBe(a.bytes);
    expect(budget.count).toBe(1);
  });

  it('a session the process budget empties gives its ring back, and still keeps what comes next in order', () => {
    const budget = new JournalBudget(512 * 1024);
    const a = journalOf({ entries: 10_000 }, budget);
    const b = journalOf({ entries: 10_000, bodyBytes: 4096 }, budget);
    for (let n = 1; n <= 600; n += 1) a.record(input(n));
    const peak = a.slots;
    expect(a.count).toBe(600);
    expect(peak).toBeGreaterThanOrEqual(600);
    for (let n = 1; n <= 300; n += 1) b.record(big(n, 2000));
    expect(a.count).toBe(0);
    expect(a.slots).toBeLessThanOrEqual(16);
    for (let n = 601; n <= 640; n += 1) a.record(input(n));
    expect(entries(a).map((entry) => entry.id)).toEqual(Array.from({ length: 40 }, (_, i) => `req_${601 + i}`));
    expect(budget.bytes).toBe(a.bytes + b.bytes);
  });

  it('does not keep an entry that alone is over the session budget (its id is still used)', () => {
    const journal = journalOf({ sessionBytes: 2000, bodyBytes: 4096 });
    journal.record(big(1, 3000));
    journal.record(input(2));
    expect(entries(journal).map((entry) => entry.id)).toEqual(['req_2']);
  });
});

describe('journals of sessions the memory store lets go of', () => {
  it('leave the process budget at once when the session is evicted', async () => {
    const { memoryStore } = await import('../../src/state/memory-store.js');
    const { sessionExtras } = await import('../../src/state/session-extras.js');
    const { World } = await import('../../src/world/world.js');
    const { loadFixtures } = await import('../../src/bundle/fixture-files.js');
    const budget = new JournalBudget(64 * MiB);
    const store = memoryStore(new World(loadFixtures('fixtures')), { maxSessions: 1, idleTtlMs: 60_000, sessionBytes: MiB, createExtras: sessionExtras(limits(), budget, 100) });
    const first = store.open('first');
    if (first instanceof Promise) throw new Error('the memory store answers at once');
    for (let n = 1; n <= 5; n += 1) first.extras.journal.record(input(n));
    expect(budget.count).toBe(5);
    store.open('second'); // over maxSessions: "first" is evicted
    expect(budget.count).toBe(0);
    expect(budget.bytes).toBe(0);
  });
});
