import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer, OperationCoverage } from '../../src/index.js';
import { call, fetchOf, LATEST, ORIGINAL, startMock, type Call } from '../support/mock.js';

// GET /__mock/coverage and server.coverage(): what each kind of request adds, per session and
// over all sessions, and the endpoint's own answers. The consumer-suite recount is in
// coverage-sdk.test.ts.
let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

const coverage = async (query = '') => (await call(server, { path: `/__mock/coverage${query}` })).body as { session: string | null; operations: OperationCoverage[]; unrouted: unknown[]; summary: Record<string, number> };
const row = (report: { operations: OperationCoverage[] }, operationId: string, version: string) => report.operations.find((op) => op.operationId === operationId && op.version === version) as OperationCoverage;
const inSession = (session: string, request: Call) => call(server, { version: LATEST, ...request, headers: { 'x-mock-session': session, ...request.headers } });

describe('GET /__mock/coverage', () => {
  it('counts each request of a session once, statuses with the forced ones marked, error codes, token kinds, and what was sent', async () => {
    const s = 'cov-kinds';
    const sends: [Call, number][] = [
      [{ path: '/api/v1/users/me', token: 'tok_user_alex_full' }, 200],
      // The same GET again, answered from the answer memo: counted all the same.
      [{ path: '/api/v1/users/me', token: 'tok_user_alex_full' }, 200],
      [{ path: '/api/v1/users/user_maya7Kd2', token: 'tok_key_pixelforge_full' }, 200],
      [{ path: '/api/v1/users/user_maya7Kd2', token: 'tok_app_pixelforge' }, 200],
      [{ path: '/api/v1/users/me', token: 'tok_user_alex_none' }, 403],
      [{ path: '/api/v1/users/me' }, 401],
      [{ path: '/api/v1/users/me', token: 'tok_nobody_knows' }, 401],
      [{ path: '/api/v1/users/me', token: 'tok_user_alex_full', headers: { prefer: 'code=404' } }, 404],
      [{ path: '/api/v1/users/me?company_id=biz_pixelforge', token: 'tok_user_alex_full', version: ORIGINAL }, 200],
    ];
    for (const [request, status] of sends) expect((await inSession(s, request)).status).toBe(status);
    const report = await coverage(`?session=${s}`);
    expect(report.session).toBe(s);
    const latest = row(report, 'retrieveUser', LATEST);
    expect(latest).toMatchObject({
      called: true,
      requests: 8,
      statuses: [
        { status: '200', declared: true, seen: 4, forced: 0 },
        { status: '400', declared: true, seen: 0, forced: 0 },
        { status: '401', declared: true, seen: 2, forced: 0 },
        { status: '403', declared: true, seen: 1, forced: 0 },
        { status: '404', declared: true, seen: 1, forced: 1 },
        { status: '500', declared: true, seen: 0, forced: 0 },
      ],
      unexercised: ['400', '500'],
      error_codes: { missing_scope: 1, resource_not_found: 1, unauthorized: 2 },
      token_kinds: { user_oauth_token: 4, account_api_key: 1, app_api_key: 1, none: 1, unknown: 1 },
      fields: [
        { in: 'query', name: 'account_id', sent: 0 },
        { in: 'header', name: 'api-version-date', sent: 8 },
      ],
      pages: null,
    });
    // The original version's row: company_id sent once, with the version header.
    expect(row(report, 'retrieveUser', ORIGINAL)).toMatchObject({ requests: 1, fields: [{ in: 'query', name: 'company_id', sent: 1 }, { in: 'header', name: 'api-version-date', sent: 1 }] });
    expect(row(report, 'listUsers', LATEST)).toMatchObject({ called: false, requests: 0, unexercised: ['200', '400', '401', '403', '404', '500'], pages: { first: 0, followed: 0 } });
    expect(report.summary).toMatchObject({ requests: 9, exercised: 5, operations_called: 2 });
  });

  it('counts body fields as sent (before defaults), pages followed by cursor, and a dropped connection', async () => {
    const s = 'cov-fields';
    expect((await inSession(s, { method: 'PATCH', path: '/api/v1/users/me', token: 'tok_user_alex_full', body: { name: 'A', bio: 'B' } })).status).toBe(200);
    expect((await inSession(s, { method: 'PATCH', path: '/api/v1/users/me', token: 'tok_user_alex_full', body: { name: 'C' } })).status).toBe(200);
    const first = await inSession(s, { path: '/api/v1/users?first=2', token: 'tok_user_alex_full' });
    const next = await inSession(s, { path: `/api/v1/users?first=2&after=${encodeURIComponent(first.body.page_info.end_cursor)}`, token: 'tok_user_alex_full' });
    expect(next.status).toBe(200);
    expect((await inSession(s, { path: '/api/v1/users?first=2&after=not-a-cursor', token: 'tok_user_alex_full' })).status).toBe(400);
    await server.sessionAsync(s).addFault({ operationId: 'listUsers', drop: true, times: 1 });
    await expect(inSession(s, { path: '/api/v1/users', token: 'tok_user_alex_full' })).rejects.toThrow();
    const report = await coverage(`?session=${s}`);
    expect(row(report, 'updateCurrentUser', LATEST).fields).toEqual([
      { in: 'query', name: 'account_id', sent: 0 },
      { in: 'header', name: 'api-version-date', sent: 2 },
      { in: 'body', name: 'name', sent: 2 },
      { in: 'body', name: 'bio', sent: 1 },
      { in: 'body', name: 'username', sent: 0 },
      { in: 'body', name: 'profile_picture', sent: 0 },
    ]);
    const list = row(report, 'listUsers', LATEST);
    // A cursor that did not lead to a page is sent, not followed.
    expect(list).toMatchObject({ requests: 4, dropped: 1, pages: { first: 1, followed: 1 }, error_codes: { parameter_invalid: 1 } });
    expect(list.fields.find((f) => f.name === 'after')).toEqual({ in: 'query', name: 'after', sent: 2 });
    expect(list.statuses.filter((cell) => cell.seen > 0).map((cell) => cell.status)).toEqual(['200', '400']);
  });

  it('keeps requests that reached no operation of a version apart, by the operation their method and path name', async () => {
    const s = 'cov-unrouted';
    expect((await inSession(s, { path: '/api/v1/users/me', token: 'tok_user_alex_full', version: '2026-01-15' })).status).toBe(400);
    expect((await inSession(s, { method: 'PATCH', path: '/api/v1/users/me', token: 'tok_user_alex_full', rawBody: '{nope', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await inSession(s, { path: '/api/v1/nowhere', token: 'tok_user_alex_full' })).status).toBe(404);
    expect((await inSession(s, { method: 'DELETE', path: '/api/v1/users/me', token: 'tok_user_alex_full' })).status).toBe(405);
    const report = await coverage(`?session=${s}`);
    expect(report.unrouted).toEqual([
      { operationId: 'retrieveUser', requests: 1, statuses: { 400: 1 }, error_codes: { invalid_api_version: 1 } },
      { operationId: 'updateCurrentUser', requests: 1, statuses: { 400: 1 }, error_codes: { invalid_json: 1 } },
      { operationId: null, requests: 2, statuses: { 404: 1, 405: 1 }, error_codes: { method_not_allowed: 1, route_not_found: 1 } },
    ]);
    expect(report.operations.every((op) => !op.called)).toBe(true);
    expect(report.summary).toMatchObject({ requests: 4, exercised: 0, percent: 0 });
  });

  it('adds every session into the all-sessions report, and forgets one session or everything on DELETE', async () => {
    await inSession('cov-a', { path: '/api/v1/members/mber_pf02maya', token: 'tok_key_pixelforge_full' });
    await inSession('cov-b', { path: '/api/v1/members/mber_pf02maya', token: 'tok_key_pixelforge_full' });
    const all = await coverage();
    expect(all.session).toBeNull();
    expect(row(all, 'retrieveMember', LATEST).requests).toBe(2);
    expect(row(await coverage('?session=cov-a'), 'retrieveMember', LATEST).requests).toBe(1);
    expect((await server.coverage('cov-b')).operations.find((op) => op.operationId === 'retrieveMember' && op.version === LATEST)?.requests).toBe(1);
    expect((await call(server, { method: 'DELETE', path: '/__mock/coverage?session=cov-a' })).body).toEqual({ cleared: true, session: 'cov-a' });
    expect((await coverage('?session=cov-a')).summary.requests).toBe(0);
    expect(row(await coverage(), 'retrieveMember', LATEST).requests).toBe(2);
    await server.clearCoverage();
    expect((await coverage()).summary.requests).toBe(0);
    expect((await coverage('?session=cov-b')).summary.requests).toBe(0);
  });

  it('answers Markdown with ?format=markdown, and a 400 for what it does not take', async () => {
    const markdown = await fetchOf(server)(`${server.url}/__mock/coverage?format=markdown&session=cov-kinds`);
    expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await markdown.text()).toMatch(/^# Contract coverage\n\nSession `cov-kinds`: \*\*\d+(\.\d+)?%\*\*/);
    for (const [query, param] of [['?limit=3', 'limit'], ['?format=html', 'format'], ['?session=no%20spaces', 'X-Mock-Session']] as const) {
      const reply = await call(server, { path: `/__mock/coverage${query}` });
      expect(reply.status).toBe(400);
      expect(reply.body.error.param).toBe(param);
    }
  });
});
