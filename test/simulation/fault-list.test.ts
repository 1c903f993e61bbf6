import { describe, expect, it } from 'vitest';
import { FaultList, type FaultTarget } from '../../src/state/fault-list.js';

describe('FaultList', () => {
  const target: FaultTarget = {
    operationId: 'retrieveUser',
    method: 'GET',
    template: '/users/{id}',
    path: '/users/me',
    query: { first: 50, statuses: ['joined'] },
    headers: { 'x-client': 'ios', accept: ['a', 'b'] },
    body: undefined,
    token: 'tok_user_alex_full',
    tokenKind: 'user_oauth_token',
    accounts: ['biz_pixelforge'],
  };

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
    expect(faults.take(target)?.action.status).toBe(503);
    expect(faults.clear()).toBe(3);
    expect(faults.take(target)).toBeUndefined();
  });

  it('matches the query as parsed, headers by name in any case, the body by the fields given, the token, its kind and the account', () => {
    const cases: Array<[Parameters<FaultList['add']>[0], boolean]> = [
      [{ query: { first: 50 } }, true],
      [{ query: { first: '50' } }, false],
      [{ query: { statuses: ['joined'] } }, true],
      [{ query: { statuses: ['joined', 'left'] } }, false],
      [{ query: { query: 'x' } }, false],
      [{ header: { 'X-Client': 'ios' } }, true],
      [{ header: { 'x-client': 'android' } }, false],
      [{ header: { Accept: 'b' } }, true],
      [{ token: 'tok_user_alex_full', token_kind: 'user_oauth_token' }, true],
      [{ token_kind: 'account_api_key' }, false],
      [{ account_id: 'biz_pixelforge' }, true],
      [{ account_id: 'biz_other' }, false],
      [{ request_body: { name: 'x' } }, false],
    ];
    for (const [selectors, expected] of cases) {
      const faults = new FaultList();
      faults.add({ ...selectors, status: 500 });
      expect([selectors, faults.take(target) !== undefined]).toEqual([selectors, expected]);
    }
    const withBody = { ...target, body: { name: 'Ada', profile: { bio: 'b', tags: ['a'] } } };
    const body = (request_body: Record<string, unknown>) => {
      const faults = new FaultList();
      faults.add({ request_body, status: 500 });
      return faults.take(withBody) !== undefined;
    };
    expect(body({ name: 'Ada' })).toBe(true);
    expect(body({ profile: { bio: 'b' } })).toBe(true);
    expect(body({ profile: { tags: ['a'] } })).toBe(true);
    expect(body({ profile: { tags: [] } })).toBe(false);
    expect(body({ profile: { bio: 'c' } })).toBe(false);
    expect(body({ missing: null })).toBe(false);
  });

  it('a sequence answers its steps to successive matching requests, names each step, and is used up after the last', () => {
    const faults = new FaultList();
    const rule = faults.add({ operationId: 'retrieveUser', sequence: [{ status: 503 }, { status: 503 }, { pass: true }] });
    expect(rule.times).toBe(3);
    expect(faults.take({ ...target, operationId: 'listUsers' })).toBeUndefined();
    expect(faults.take(target)).toEqual({ id: rule.id, step: 0, action: { status: 503 } });
    expect(faults.list()[0]?.times).toBe(2);
    expect(faults.take(target)).toEqual({ id: rule.id, step: 1, action: { status: 503 } });
    expect(faults.take(target)).toEqual({ id: rule.id, step: 2, action: { pass: true } });
    expect(faults.take(target)).toBeUndefined();
    expect(faults.empty).toBe(true);
  });
});
