import { describe, expect, it } from 'vitest';
import { FaultList } from '../../src/control/faults.js';
import type { JournalInput } from '../../src/control/journal-entry.js';
import { Journal } from '../../src/control/journal.js';

function input(n: number, overrides: Partial<JournalInput> = {}): JournalInput {
  return {
    receivedAt: Date.UTC(2026, 0, 1, 0, 0, n),
    method: 'GET',
    path: `/users/user_${n}`,
    search: '',
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

  it('turns the stored request into JSON on read: parsed query, parsed body, the raw text when not JSON', () => {
    const journal = new Journal(5);
    journal.record(input(1, { method: 'PATCH', search: 'account_id=biz_1&statuses=a&statuses=b', rawBody: Buffer.from('{"name":"x"}') }));
    journal.record(input(2, { rawBody: Buffer.from('not json') }));
    const [first, second] = journal.list();
    expect(first).toMatchObject({
      time: '2026-01-01T00:00:01.000Z',
      method: 'PATCH',
      path_template: '/users/{id}',
      query: { account_id: 'biz_1', statuses: ['a', 'b'] },
      body: { name: 'x' },
      response_body: { n: 1 },
      duration_ms: 1.235,
    });
    expect(second?.body).toBe('not json');
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

describe('FaultList', () => {
  const target = { operationId: 'retrieveUser', method: 'GET', template: '/users/{id}', path: '/users/me' };

  it('applies the first matching rule and counts `times` down until the rule is gone', () => {
    const faults = new FaultList();
    const once = faults.add({ operationId: 'retrieveUser', status: 500, times: 2 });
    const always = faults.add({ path: '/users/{id}', status: 404 });
    expect(faults.take(target)?.id).toBe(once.id);
    expect(faults.list().find((rule) => rule.id === once.id)?.times).toBe(1);
    expect(faults.take(target)?.id).toBe(once.id);
    expect(faults.list().map((rule) => rule.id)).toEqual([always.id]);
    expect(faults.take(target)?.id).toBe(always.id);
    expect(faults.take(target)?.id).toBe(always.id);
  });

  it('matches by operationId, method, template or concrete path; every given selector must match', () => {
    const faults = new FaultList();
    faults.add({ operationId: 'updateUser', status: 500 });
    faults.add({ method: 'PATCH', path: '/users/me', status: 500 });
    expect(faults.take(target)).toBeUndefined();
    faults.add({ method: 'GET', path: '/users/me', status: 503 });
    expect(faults.take(target)?.status).toBe(503);
    expect(faults.clear()).toBe(3);
    expect(faults.take(target)).toBeUndefined();
  });
});
