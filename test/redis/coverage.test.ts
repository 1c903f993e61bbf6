import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer, OperationCoverage } from '../../src/index.js';
import { call, LATEST, startMock, type Call } from '../support/mock.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

// Coverage with the Redis store: two in-process replicas on one real redis-server count into the
// same counters, so either one reports every replica's requests; a request a replica runs again
// (its answer refuted, or a commit conflict) is counted once.
const TOKEN = 'tok_user_alex_full';

describe.runIf(redisInstalled)('coverage across replicas sharing a Redis store', () => {
  let redis: RedisServer;
  let client: Redis;
  let a: MockServer;
  let b: MockServer;
  const report = join(mkdtempSync(join(tmpdir(), 'whop-mock-coverage-')), 'coverage.json');
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    [a, b] = await Promise.all([startMock({ store: redis.url, coverageReport: report, coverageFailUnder: 1 }), startMock({ store: redis.url })]);
  });
  let stopped = false;
  afterAll(async () => {
    if (!stopped) await Promise.all([a?.close(), b?.close()]);
    client?.disconnect();
    await redis?.stop();
  });

  const send = (server: MockServer, session: string, request: Call) => call(server, { token: TOKEN, version: LATEST, ...request, headers: { 'x-mock-session': session, ...request.headers } });
  const row = (operations: readonly OperationCoverage[], operationId: string) => operations.find((op) => op.operationId === operationId && op.version === LATEST) as OperationCoverage;

  it('counts through both replicas into one report, which either reads (its own counts at once, the other\'s a turn later)', async () => {
    for (let i = 0; i < 3; i += 1) expect((await send(a, 'shared', { path: '/users/me' })).status).toBe(200);
    expect((await send(b, 'shared', { path: '/users/nobody-at-all' })).status).toBe(404);
    expect((await send(b, 'other', { path: '/users/me', headers: { prefer: 'code=500' } })).status).toBe(500);
    // A's own counts: in Redis before its read (one connection, in order).
    const own = await a.coverage('shared');
    expect(row(own.operations, 'retrieveUser').statuses.find((s) => s.status === '200')?.seen).toBe(3);
    await expect.poll(async () => row((await a.coverage('shared')).operations, 'retrieveUser').requests, { timeout: 2000 }).toBe(4);
    const all = await a.coverage();
    expect(row(all.operations, 'retrieveUser')).toMatchObject({
      requests: 5,
      statuses: [
        { status: '200', declared: true, seen: 3, forced: 0 },
        { status: '400', declared: true, seen: 0, forced: 0 },
        { status: '401', declared: true, seen: 0, forced: 0 },
        { status: '403', declared: true, seen: 0, forced: 0 },
        { status: '404', declared: true, seen: 1, forced: 0 },
        { status: '500', declared: true, seen: 1, forced: 1 },
      ],
      error_codes: { internal_error: 1, resource_not_found: 1 },
      token_kinds: { user_oauth_token: 5, account_api_key: 0, app_api_key: 0 },
    });
    expect(await b.coverage()).toEqual(all);
    // A session's counters expire as the session would; the total's do not.
    expect(await client.pttl('whop-mock:cov:s:shared')).toBeGreaterThan(0);
    expect(await client.pttl('whop-mock:cov:all')).toBe(-1);
  });

  it('counts a request once when a replica runs it again, under writes from both at once', async () => {
    const session = 'race';
    const writes = Array.from({ length: 12 }, (_, i) => [
      send(a, session, { method: 'PATCH', path: '/users/me', body: { name: `N${i}` } }),
      send(b, session, { method: 'PATCH', path: '/users/me', body: { bio: `B${i}` } }),
      // Reads from copies the other replica's writes keep making stale: refuted, and run again.
      send(a, session, { path: '/users/me' }),
      send(b, session, { path: '/users/me' }),
    ]).flat();
    const replies = await Promise.all(writes);
    expect(replies.map((r) => r.status)).toEqual(writes.map(() => 200));
    await expect.poll(async () => (await a.coverage(session)).summary.requests, { timeout: 2000 }).toBe(48);
    const coverage = await b.coverage(session);
    expect(row(coverage.operations, 'updateCurrentUser')).toMatchObject({ requests: 24, fields: expect.arrayContaining([{ in: 'body', name: 'name', sent: 12 }, { in: 'body', name: 'bio', sent: 12 }]) });
    expect(row(coverage.operations, 'retrieveUser').requests).toBe(24);
  });

  it('forgets one session or every count, for every replica', async () => {
    await b.clearCoverage('other');
    expect((await a.coverage('other')).summary.requests).toBe(0);
    expect((await a.coverage()).summary.requests).toBeGreaterThan(0);
    expect((await call(a, { method: 'DELETE', path: '/__mock/coverage' })).status).toBe(200);
    expect(await client.keys('whop-mock:cov:*')).toEqual([]);
    expect((await b.coverage('race')).summary.requests).toBe(0);
  });

  it('writes the report of every replica\'s requests when a replica stops', async () => {
    await send(b, 'late', { path: '/members/mber_pf02maya', token: 'tok_key_pixelforge_full' });
    await send(a, 'late', { path: '/users/me' });
    stopped = true;
    await b.close();
    const closed = await a.close();
    // One retrieveUser 200 and one retrieveMember 200: 2 of 88 cells, above 1%.
    expect(closed).toMatchObject({ coverageShortfall: null });
    const written = JSON.parse(readFileSync(report, 'utf8'));
    expect(written.summary).toMatchObject({ requests: 2, exercised: 2, cells: 88 });
  });
});
