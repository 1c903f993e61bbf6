import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { targetProblem } from '../../src/core/request-target.js';
import { startMock } from '../support/mock.js';
import { parseResponses, rawConnect } from '../support/raw-http.js';
import { VALID_USER } from './drifting-upstream.js';
import { startHostileUpstream, type HostileUpstream } from '../../scripts/support/hostile-upstream.mjs';

// Request targets that would reach an upstream above its base path, or glued to it: refused with
// a 400 envelope in both modes, never forwarded. Sent raw: fetch resolves dot segments itself.
const REFUSED = [
  '/../../admin/secret',
  '/api/v1/../../admin/secret',
  '/users/./me',
  '/%2e%2e/admin',
  '/users/.%2E/.%2e/admin',
  '/users/..%2f..%2fadmin',
  '/users/..%5C..%5Cadmin',
  '/users/..\\..\\admin',
  'http://evil.example:1234/users/me',
  '*',
];

let upstream: HostileUpstream;
let proxy: MockServer;
let mock: MockServer;
beforeAll(async () => {
  upstream = await startHostileUpstream({ user: VALID_USER, keepRequests: true });
  [proxy, mock] = await Promise.all([startMock({ mode: 'proxy', upstream: upstream.url }), startMock()]);
});
afterAll(async () => {
  await Promise.all([proxy.close(), mock.close()]);
  upstream.close();
});

async function raw(server: MockServer, target: string) {
  const connection = await rawConnect(server.url);
  connection.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_user_alex_full\r\nConnection: close\r\n\r\n`);
  const [reply] = parseResponses(await connection.closed);
  return reply;
}

describe('request targets with dot segments, or not a path', () => {
  it.each(REFUSED)('%s: 400 invalid_path in proxy mode, and the upstream never sees it', async (target) => {
    const before = upstream.requests.length;
    const reply = await raw(proxy, target);
    expect(reply?.status).toBe(400);
    expect(reply?.body).toEqual({ error: { type: 'invalid_request_error', code: 'invalid_path', param: null, message: expect.stringContaining('The request target') } });
    expect(upstream.requests.slice(before)).toEqual([]);
  });

  it.each(REFUSED)('%s: 400 invalid_path in mock mode', async (target) => {
    const reply = await raw(mock, target);
    expect(reply?.status).toBe(400);
    expect(reply?.body.error.code).toBe('invalid_path');
  });

  it('paths with dots inside a segment, and ids with encoded characters, still go through', async () => {
    const before = upstream.requests.length;
    expect((await raw(proxy, '/api/v1/users/user_fine.json?x=../..'))?.status).toBe(200);
    expect(upstream.requests.slice(before)).toEqual(['/api/v1/users/user_fine.json?x=../..']);
    expect((await raw(mock, '/users/a%2fb'))?.body.error.code).toBe('resource_not_found');
  });
});

describe('targetProblem', () => {
  it.each([
    ['/users/me', undefined],
    ['/users/me?after=../x', undefined],
    ['/users/...', undefined],
    ['/users/..', 'has a "." or ".." segment'],
    ['/users/%2E', 'has a "." or ".." segment'],
    ['users/me', 'is not a path (absolute-form or another form a proxy is sent)'],
    ['*', 'is "*" (asterisk-form)'],
  ])('%s -> %s', (target, problem) => {
    expect(targetProblem(target)).toBe(problem);
  });
});
