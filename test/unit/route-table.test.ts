import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/openapi/compile-operations.js';
import { RouteTable } from '../../src/openapi/route-table.js';

function op(method: string, path: string, operationId: string): Operation {
  return { operationId, method, path, version: 'v', file: 'f', documentId: 'd', parameters: [], body: null, responses: [], scopes: null, fieldScopes: {}, domainNames: {} };
}

const table = new RouteTable([
  op('GET', '/users', 'listUsers'),
  op('GET', '/users/{id}', 'retrieveUser'),
  op('PATCH', '/users/{id}', 'updateUser'),
  op('PATCH', '/users/me', 'updateCurrentUser'),
  op('GET', '/users/{id}/access/{resource_id}', 'checkUserAccess'),
  op('GET', '/files/{name}.json', 'fileJson'),
]);

describe('RouteTable', () => {
  it.each([
    ['GET', '/users', 'listUsers', {}],
    ['GET', '/users/', 'listUsers', {}],
    ['GET', '/users/user_1', 'retrieveUser', { id: 'user_1' }],
    ['GET', '/users/me', 'retrieveUser', { id: 'me' }],
    ['PATCH', '/users/me', 'updateCurrentUser', {}],
    ['PATCH', '/users/user_1', 'updateUser', { id: 'user_1' }],
    ['GET', '/users/a%20b/access/biz_1', 'checkUserAccess', { id: 'a b', resource_id: 'biz_1' }],
    ['GET', '/files/report.json', 'fileJson', { name: 'report' }],
    // The path is read in place: repeated and trailing slashes are skipped as empty parts were,
    // and a literal must match its whole segment (not a prefix or a longer one).
    ['GET', '//users//user_1/', 'retrieveUser', { id: 'user_1' }],
    ['PATCH', '/users//me//', 'updateCurrentUser', {}],
    ['PATCH', '/users/mex', 'updateUser', { id: 'mex' }],
    ['PATCH', '/users/m', 'updateUser', { id: 'm' }],
    ['GET', '/users/u%2Fv/access/b%ZZ', 'checkUserAccess', { id: 'u/v', resource_id: 'b%ZZ' }],
    ['GET', '/files/a.b.json', 'fileJson', { name: 'a.b' }],
  ])('%s %s -> %s', (method, path, operationId, params) => {
    const result = table.match(method, path);
    expect(result.kind).toBe('match');
    if (result.kind !== 'match') return;
    expect(result.operation.operationId).toBe(operationId);
    expect(result.pathParams).toEqual(params);
  });

  it('reports the allowed methods for a known path with the wrong method', () => {
    expect(table.match('DELETE', '/users/user_1')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'PATCH'] });
    expect(table.match('POST', '/users')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
  });

  it('reports not-found for unknown paths', () => {
    expect(table.match('GET', '/nope')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', '/users/a/b')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', '/usersx')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', '/user')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', '/files/report.txt')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', '/')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', '')).toEqual({ kind: 'not-found' });
  });
});
