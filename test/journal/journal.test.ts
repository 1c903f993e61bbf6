import { describe, expect, it } from 'vitest';
import type { JournalInput } from '../../src/journal/journal-entry.js';
import { Journal } from '../../src/journal/journal.js';

function input(n: number, overrides: Partial<JournalInput> = {}): JournalInput {
  return {
    receivedAt: Date.UTC(2026, 0, 1, 0, 0, n),
    method: 'GET',
    path: `/users/user_${n}`,
    search: '',
    query: null,
    headers: { authorization: 'Bearer t' },
    rawBody: undefined,
    operationId: 'retrieveUser',
    template: '/users/{id}',
    version: '2026-06-09',
    status: 200,
    responseBody: { n },
    validation: { valid: true },
    faultId: null,
    durationMs: 1.23456,
    ...overrides,
  };
}

describe('Journal', () => {
  it('keeps the last `limit` entries, oldest first, with ids that keep counting', () => {
    const journal = new Journal(3);
    for (let n = 1; n <= 5; n += 1) journal.record(input(n));
    expect(journal.list().map((entry) => [entry.id, entry.path])).toEqual([
      ['req_3', '/users/user_3'],
      ['req_4', '/users/user_4'],
      ['req_5', '/users/user_5'],
    ]);
    expect(journal.clear()).toBe(3);
    journal.record(input(6));
    expect(journal.list().map((entry) => entry.id)).toEqual(['req_6']);
  });

  it('a limit of 0 keeps nothing', () => {
    const journal = new Journal(0);
    journal.record(input(1));
    expect(journal.list()).toEqual([]);
  });

  it('turns the stored request into JSON on read: query, raw query string, parsed body, the raw text when not JSON', () => {
    const journal = new Journal(5);
    const parsed = { account_id: 'biz_1', first: 5, statuses: ['a'] };
    journal.record(input(1, { method: 'PATCH', search: 'account_id=biz_1&first=5&statuses[]=a', query: parsed, rawBody: Buffer.from('{"name":"x"}') }));
    journal.record(input(2, { rawBody: Buffer.from('not json') }));
    const [first, second] = journal.list();
    expect(first).toMatchObject({
      time: '2026-01-01T00:00:01.000Z',
      method: 'PATCH',
      path_template: '/users/{id}',
      query: { account_id: 'biz_1', first: 5, statuses: ['a'] },
      query_string: 'account_id=biz_1&first=5&statuses[]=a',
      body: { name: 'x' },
      response_body: { n: 1 },
      duration_ms: 1.235,
    });
    expect(second?.body).toBe('not json');
    expect(second).toMatchObject({ query: {}, query_string: '' });
  });

  it('without an operation\'s parse, reads the query plainly: key[] and repeated keys are arrays, values strings', () => {
    const journal = new Journal(1);
    journal.record(input(1, { search: 'tags[]=x&ids=a&ids=b&n=1&flag=true&q=a%20b', query: null }));
    expect(journal.list()[0]?.query).toEqual({ tags: ['x'], ids: ['a', 'b'], n: '1', flag: 'true', q: 'a b' });
  });

  it('filters by method, concrete path or template, operationId and status', () => {
    const journal = new Journal(10);
    journal.record(input(1));
    journal.record(input(2, { method: 'PATCH', operationId: 'updateUser', status: 422 }));
    journal.record(input(3, { path: '/users/me', template: '/users/me', operationId: 'updateCurrentUser', method: 'PATCH', status: 200 }));
    const ids = (filter: Parameters<Journal['list']>[0]) => journal.list(filter).map((entry) => entry.id);
    expect(ids({ method: 'patch' })).toEqual(['req_2', 'req_3']);
    expect(ids({ path: '/users/{id}' })).toEqual(['req_1', 'req_2']);
    expect(ids({ path: '/users/user_1' })).toEqual(['req_1']);
    expect(ids({ operationId: 'updateCurrentUser' })).toEqual(['req_3']);
    expect(ids({ status: 422 })).toEqual(['req_2']);
    expect(ids({ method: 'PATCH', status: 200 })).toEqual(['req_3']);
  });
});
