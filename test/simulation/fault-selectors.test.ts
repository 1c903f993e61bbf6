import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/index.js';
import { envelopeOf, startMock } from '../support/mock.js';
import { sessionPerTest } from '../support/session-per-test.js';

// Rules as precise as the tests that need them: a query value as the operation parsed it, a
// header, the body, the token, its kind, the account; all given selectors must match, and
// `times` counts only the requests they match. What could never match is refused at once.
const mock = sessionPerTest('selectors', () => startMock());
const ALEX = 'tok_user_alex_full';
const PIXELFORGE = 'tok_key_pixelforge_full';
const NORTHWIND = 'tok_key_northwind_full';
const add = async (rule: unknown) => mock.control('POST', '/faults', rule);
const status = async (path: string, token: string, extra: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  (await mock.call({ path: `/api/v1${path}`, token, version: '2026-06-09', ...extra })).status;

describe('fault rules with request selectors', () => {
  it('"500 only when first=50": the query as parsed (50 or "50" in the rule), and `times` counts only matches', async () => {
    expect((await add({ operationId: 'listUsers', query: { first: '50' }, status: 500, times: 1 })).body.query).toEqual({ first: 50 });
    expect(await status('/users?first=10', ALEX)).toBe(200);
    expect(await status('/users', ALEX)).toBe(200);
    expect(await status('/users?first=50', ALEX)).toBe(500);
    expect(await status('/users?first=50', ALEX)).toBe(200);
  });

  it('an array parameter matches whichever way the client spelt it', async () => {
    expect((await add({ operationId: 'listMembers', query: { statuses: 'joined' }, status: 500 })).status).toBe(201);
    expect(await status('/members?company_id=biz_pixelforge&statuses[]=joined', PIXELFORGE)).toBe(500);
    expect(await status('/members?company_id=biz_pixelforge&statuses=joined', PIXELFORGE)).toBe(500);
    expect(await status('/members?company_id=biz_pixelforge&statuses=left', PIXELFORGE)).toBe(200);
  });

  it('"403 only for account X": the caller\'s account, or the account the request names', async () => {
    expect((await add({ account_id: 'biz_northwind', status: 403 })).status).toBe(201);
    expect(await status('/members?company_id=biz_pixelforge', PIXELFORGE)).toBe(200);
    expect(await status('/members?company_id=biz_northwind', NORTHWIND)).toBe(403);
    // A user token names the account in its query.
    expect(await status('/users/user_alex123', ALEX)).toBe(200);
    expect(await status('/users/user_alex123?account_id=biz_northwind', ALEX)).toBe(403);
  });

  it('by token, token kind, header (any case) and body fields', async () => {
    await add({ token_kind: 'account_api_key', operationId: 'retrieveUser', status: 404, times: 1 });
    await add({ token: 'tok_user_alex_readonly', status: 401 });
    await add({ header: { 'X-Client-Build': '42' }, status: 500 });
    await add({ operationId: 'updateCurrentUser', request_body: { name: 'Crash Me' }, status: 422 });
    expect(await status('/users/user_alex123', ALEX)).toBe(200);
    expect(await status('/users/user_alex123', PIXELFORGE)).toBe(404);
    expect(await status('/users/me', 'tok_user_alex_readonly')).toBe(401);
    expect(await status('/users/me', ALEX, { headers: { 'x-client-build': '42' } })).toBe(500);
    expect(await status('/users/me', ALEX, { headers: { 'x-client-build': '43' } })).toBe(200);
    expect(await status('/users/me', ALEX, { method: 'PATCH', body: { name: 'Fine', bio: 'x' } })).toBe(200);
    expect(await status('/users/me', ALEX, { method: 'PATCH', body: { name: 'Crash Me', bio: 'x' } })).toBe(422);
  });

  it('a sequence for retry tests: each matching request gets the next step, `pass` the real answer, then the rule is gone', async () => {
    const rule = (await add({ operationId: 'retrieveUser', sequence: [{ status: 500 }, { status: 500, delay_ms: 30 }, { pass: true }, { drop: true }] })).body;
    expect(rule).toMatchObject({ times: 4 });
    expect([await status('/users/me', ALEX), await status('/users/me', ALEX), await status('/users/me', ALEX)]).toEqual([500, 500, 200]);
    await expect(mock.call({ path: '/api/v1/users/me', token: ALEX })).rejects.toThrow();
    expect(await status('/users/me', ALEX)).toBe(200);
    const entries: JournalEntry[] = (await mock.control('GET', '/requests')).body.data;
    expect(entries.map((entry) => [entry.status, entry.fault_id, entry.fault_step])).toEqual([
      [500, rule.id, 0],
      [500, rule.id, 1],
      [200, rule.id, 2],
      [null, rule.id, 3],
      [200, null, null],
    ]);
    expect(entries[1]?.duration_ms).toBeGreaterThanOrEqual(29);
    expect((await mock.control('GET', '/faults')).body.data).toEqual([]);
  });
});

describe('rules that could never match are refused, saying which field and why', () => {
  it.each([
    [{ operationId: 'retrieveUsr', status: 500 }, 'operationId', /did you mean retrieveUser\?/],
    [{ operationId: 'retrieveUser', status: 500, colour: 'red', also: 1 }, 'colour, also', /are not fields of a fault rule/],
    [{ operationId: 'listUsers', query: { company_id: 'biz_x' }, status: 500 }, 'query.company_id', /is not a query parameter of listUsers \(they read query, first, last, after, before\)/],
    [{ operationId: 'listUsers', query: { first: 0 }, status: 500 }, 'query.first', /0 could never be sent: .*>= 1/],
    [{ operationId: 'listUsers', query: { first: 'many' }, status: 500 }, 'query.first', /"many" could never be sent: must be integer/],
    [{ operationId: 'retrieveUser', request_body: { name: 'x' }, status: 500 }, 'request_body', /take no request body/],
    [{ operationId: 'updateCurrentUser', request_body: { nickname: 'x' }, status: 500 }, 'request_body.nickname', /is not a field of the request body/],
    [{ operationId: 'updateCurrentUser', request_body: { username: 'no spaces!' }, status: 500 }, 'request_body.username', /could never be sent/],
    [{ account_id: 'pixelforge', status: 500 }, 'account_id', /is not an account id/],
    [{ token_kind: 'root', status: 500 }, 'token_kind', /must be one of user_oauth_token, account_api_key, app_api_key/],
    [{ header: { 'X Bad': '1' }, status: 500 }, 'header.X Bad', /is not a valid key/],
    [{ operationId: 'retrieveUser', sequence: [{ status: 500 }], times: 2 }, 'times', /cannot be combined with sequence/],
    [{ operationId: 'retrieveUser', sequence: [{ status: 500 }, {}] }, 'sequence.1.status', /required unless the step sets delay_ms, drop or pass/],
    [{ operationId: 'retrieveUser', sequence: [{ pass: true, status: 500 }] }, 'sequence.0.pass', /cannot be combined with status/],
    [{ operationId: 'retrieveUser', sequence: [{ status: 503 }] }, 'sequence.0.status', /503 is not declared by retrieveUser/],
  ])('%j -> %s', async (rule, param, message) => {
    const reply = await add(rule);
    expect(reply.status).toBe(400);
    const error = envelopeOf(reply);
    expect(error.code).toBe('mock_fault_invalid');
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
    expect((await mock.control('GET', '/faults')).body.data).toEqual([]);
  });
});
