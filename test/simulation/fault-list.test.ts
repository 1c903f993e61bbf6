import { describe, expect, it } from 'vitest';
import { FaultList } from '../../src/simulation/fault-list.js';

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
