import { describe, expect, it } from 'vitest';
import { call, envelopeOf, LATEST, type Reply, startMock } from '../support/mock.js';
import { sessionPerTest } from '../support/session-per-test.js';

const mock = sessionPerTest('endpoints', () => startMock());
const { headers } = mock;
const { control } = mock;
const { api } = mock;

function expectBadInput(reply: Reply, code: string, param: string): void {
  expect(reply.status).toBe(400);
  expect(envelopeOf(reply)).toMatchObject({ type: 'invalid_request_error', code, param });
}

describe('GET /__mock/health', () => {
  it('answers status, versions, uptime, live sessions, the served specs, the inspector and the last reload', async () => {
    const reply = await call(mock.server(), { path: '/__mock/health' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'ok',
      versions: ['2025-01-01', '2026-06-09'],
      version_dates: { '2025-01-01': '2025-01-01', '2026-06-09': '2026-06-09', '2026-07-01': '2026-06-09', '2026-07-20': '2026-06-09' },
      version_date_mode: 'exact',
      uptime_s: expect.any(Number),
      sessions: expect.any(Number),
      openapi: { '2025-01-01': '/__mock/openapi/2025-01-01', '2026-06-09': '/__mock/openapi/2026-06-09' },
      inspector: '/__mock/',
      record_kinds: ['companies', 'files', 'users', 'products', 'experiences', 'plans', 'promo_codes', 'members', 'tokens'],
      reload: { count: 0, last: null, error: null },
      store: 'memory',
    });
    expect(reply.body.uptime_s).toBeGreaterThanOrEqual(0);
    expect(reply.body.sessions).toBeGreaterThanOrEqual(1);
  });
});

describe('GET and DELETE /__mock/requests', () => {
  it('journals every API request of the session and filters it', async () => {
    await api('/users/me', 'tok_user_alex_full');
    await api('/users/user_maya7Kd2?account_id=biz_pixelforge', 'tok_key_pixelforge_full');
    await api('/users/nobody', 'tok_user_alex_full');
    await call(mock.server(), { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: { bio: 'journaled' }, headers: headers() });
    const all = (await control('GET', '/requests')).body.data;
    expect(all.map((e: { method: string; path: string; status: number }) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'GET /users/me 200',
      'GET /users/user_maya7Kd2 200',
      'GET /users/nobody 404',
      'PATCH /users/me 200',
    ]);
    const [first, second, , patch] = all;
    expect(first).toMatchObject({ operationId: 'retrieveUser', path_template: '/users/{id}', version: LATEST, validation: { valid: true }, fault_id: null, body: null });
    expect(first.headers.authorization).toBe('Bearer [user_oauth_token …full]');
    expect(first.response_body.id).toBe('user_alex123');
    expect(first.duration_ms).toBeGreaterThan(0);
    expect(second.query).toEqual({ account_id: 'biz_pixelforge' });
    expect(patch).toMatchObject({ operationId: 'updateCurrentUser', version: '2025-01-01', body: { bio: 'journaled' } });

    const filtered = async (query: string) => (await control('GET', `/requests?${query}`)).body.data.map((e: { id: string }) => e.id);
    expect(await filtered('status=404')).toEqual([all[2].id]);
    expect(await filtered('method=patch')).toEqual([patch.id]);
    expect(await filtered('path=/users/{id}')).toEqual([all[0].id, all[1].id, all[2].id]);
    expect(await filtered('path=/api/v1/users/me')).toEqual([all[0].id, patch.id]);
    expect(await filtered('operationId=updateCurrentUser&status=200')).toEqual([patch.id]);

    expect((await control('DELETE', '/requests')).body).toEqual({ deleted: 4 });
    expect((await control('GET', '/requests')).body).toEqual({ data: [], page_info: { end_cursor: null, has_next_page: false } });
  });

  it('pages with limit and after (page_info.end_cursor), filters included', async () => {
    for (let i = 0; i < 5; i += 1) await api(i % 2 === 0 ? '/users/me' : '/users/nobody', 'tok_user_alex_full');
    const first = (await control('GET', '/requests?limit=2')).body;
    expect(first.data.map((e: { id: string }) => e.id)).toEqual(['req_1', 'req_2']);
    expect(first.page_info).toEqual({ end_cursor: 'req_2', has_next_page: true });
    const rest = (await control('GET', `/requests?limit=2&after=${first.page_info.end_cursor}`)).body;
    expect(rest.data.map((e: { id: string }) => e.id)).toEqual(['req_3', 'req_4']);
    const last = (await control('GET', '/requests?limit=2&after=req_4')).body;
    expect(last).toMatchObject({ page_info: { end_cursor: 'req_5', has_next_page: false } });
    const notFound = (await control('GET', '/requests?status=404&limit=1&after=req_2')).body;
    expect(notFound).toMatchObject({ data: [{ id: 'req_4' }], page_info: { end_cursor: 'req_4', has_next_page: false } });
  });

  it('refuses unknown filters, a status that is not one, and bad paging', async () => {
    expectBadInput(await control('GET', '/requests?operation_id=x'), 'parameter_invalid', 'operation_id');
    expectBadInput(await control('GET', '/requests?status=ok'), 'parameter_invalid', 'status');
    expectBadInput(await control('GET', '/requests?limit=0'), 'parameter_invalid', 'limit');
    expectBadInput(await control('GET', '/requests?limit=1001'), 'parameter_invalid', 'limit');
    expectBadInput(await control('GET', '/requests?after=12'), 'parameter_invalid', 'after');
  });

  it('never journals /__mock calls', async () => {
    await control('GET', '/state');
    await control('GET', '/faults');
    expect((await control('GET', '/requests')).body.data).toEqual([]);
  });
});

describe('POST, GET and DELETE /__mock/faults', () => {
  it('stores rules with ids, lists them and clears them', async () => {
    const first = await control('POST', '/faults', { operationId: 'retrieveUser', status: 500, times: 2 });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.stringMatching(/^flt_\d+$/), operationId: 'retrieveUser', status: 500, times: 2 });
    const second = await control('POST', '/faults', { method: 'patch', path: '/api/v1/users/me/', delay_ms: 10 });
    expect(second.body).toMatchObject({ method: 'PATCH', path: '/users/me', delay_ms: 10 });
    expect((await control('GET', '/faults')).body.data.map((f: { id: string }) => f.id)).toEqual([first.body.id, second.body.id]);
    expect((await control('DELETE', '/faults')).body).toEqual({ deleted: 2 });
    expect((await control('GET', '/faults')).body).toEqual({ data: [] });
  });

  it.each([
    ['an unknown key', { operationId: 'retrieveUser', status: 500, statusCode: 500 }, 'statusCode'],
    ['a rule that does nothing', { operationId: 'retrieveUser' }, 'status'],
    ['a body without a status', { operationId: 'retrieveUser', body: {} }, 'status'],
    ['drop with a status', { operationId: 'retrieveUser', drop: true, status: 500 }, 'drop'],
    ['a status the operation does not declare', { operationId: 'retrieveUser', status: 422 }, 'status'],
    ['a status one of the path operations does not declare', { path: '/users/{id}', status: 422 }, 'status'],
    ['an unknown operationId', { operationId: 'deleteUser', status: 500 }, 'operationId'],
    ['a path that matches no operation', { path: '/payments', status: 500 }, 'path'],
    ['a method no operation has', { method: 'DELETE', path: '/users/{id}', status: 500 }, 'method'],
    ['a path the method does not have', { method: 'PATCH', path: '/members', status: 500 }, 'path'],
    ['a status no operation declares (503), named by operationId', { operationId: 'retrieveUser', status: 503 }, 'status'],
    ['a delay over the cap', { delay_ms: 10_001 }, 'delay_ms'],
    ['times 0', { operationId: 'retrieveUser', status: 500, times: 0 }, 'times'],
    ['a status out of range', { status: 700 }, 'status'],
    ['a body that is not an object', [1], 'rule'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_what, rule, param) => {
    expectBadInput(await control('POST', '/faults', rule), 'mock_fault_invalid', param);
    expect((await control('GET', '/faults')).body).toEqual({ data: [] });
  });

  it('accepts a status the path operation declares (422 on PATCH /users/{id})', async () => {
    const reply = await control('POST', '/faults', { method: 'PATCH', path: '/users/{id}', status: 422 });
    expect(reply.status).toBe(201);
  });
});

describe('unknown control paths', () => {
  it('answer 404 in the envelope, and 405 for a known path with another method', async () => {
    const missing = await control('GET', '/nope');
    expect(missing.status).toBe(404);
    expect(envelopeOf(missing)).toMatchObject({ type: 'not_found', code: 'route_not_found' });
    const wrong = await control('PUT', '/faults');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, GET, DELETE');
  });
});
