import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { luaSession } from '../../src/state/redis/lua-session.js';
import { call, startMock, type Call } from '../support/mock.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

// A replica answers a request of a session whose copy it trusts without opening the session
// first; the request's journal entry (or its commit) then confirms, in Redis, that the session
// was still at that copy's version with no fault rules. Two in-process replicas on one real
// redis-server: every guarantee of the opened path still holds on the unopened one.
const TOKEN = 'tok_user_alex_full';
// Long enough that a loaded machine does not let a session go idle between two requests of one test.
const IDLE_MS = 2000;
const OPEN_SHA = createHash('sha1').update(luaSession.wmOpen).digest('hex');

describe.runIf(redisInstalled)('answers from a trusted copy, confirmed by their journal entry', () => {
  let redis: RedisServer;
  let client: Redis;
  let monitor: Redis;
  let a: MockServer;
  let b: MockServer;
  let opens = 0;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    monitor = await client.monitor();
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (/^evalsha$/i.test(args[0] ?? '') && args[1] === OPEN_SHA) opens += 1;
    });
    [a, b] = await Promise.all([startMock({ store: redis.url, idleSessionMs: IDLE_MS }), startMock({ store: redis.url, idleSessionMs: IDLE_MS })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    monitor?.disconnect();
    client?.disconnect();
    await redis?.stop();
  });

  const send = (server: MockServer, session: string, request: Omit<Call, 'token'>) => call(server, { token: TOKEN, ...request, headers: { 'x-mock-session': session, ...request.headers } });
  const me = async (server: MockServer, session: string) => (await send(server, session, { path: '/users/me' })).body as { name: string };
  const ids = async (session: string) => ((await send(a, session, { path: '/__mock/requests?limit=1000' })).body.data as { id: string }[]).map((entry) => entry.id);
  /** Lets MONITOR report what was sent so far. */
  const settle = async () => {
    await client.ping();
    await new Promise((resolve) => setTimeout(resolve, 50));
  };

  it('a read opens nothing once the copy is trusted, and still shows a write another replica acknowledged', async () => {
    const session = 'trusted-ryw';
    let sent = 0;
    for (let i = 0; i < 3; i += 1, sent += 1) await me(b, session);
    await settle();
    const before = opens;
    for (let i = 0; i < 5; i += 1, sent += 1) expect((await me(b, session)).name).toBe('Alex Rivera');
    await settle();
    expect(opens).toBe(before);
    for (let i = 0; i < 10; i += 1) {
      expect((await send(a, session, { method: 'PATCH', path: '/users/me', body: { name: `Name ${i}` } })).status).toBe(200);
      // B's copy is one write behind: its answer is refuted by the entry, and run again.
      expect((await me(b, session)).name).toBe(`Name ${i}`);
      expect((await me(b, session)).name).toBe(`Name ${i}`);
      sent += 3;
    }
    // A refuted answer left nothing behind: one entry per request, ids without a gap.
    expect(await ids(session)).toEqual(Array.from({ length: sent }, (_, i) => `req_${i + 1}`));
  });

  it('a fault rule added through another replica fires on the next request, whether it reads or writes', async () => {
    const session = 'trusted-faults';
    for (let i = 0; i < 3; i += 1) await me(b, session);
    expect((await send(a, session, { method: 'POST', path: '/__mock/faults', body: { method: 'GET', path: '/users/me', status: 500, times: 2 } })).status).toBe(201);
    const reads = [];
    for (let i = 0; i < 3; i += 1) reads.push((await send(b, session, { path: '/users/me' })).status);
    expect(reads).toEqual([500, 500, 200]);
    // A write answered from the trusted copy commits only while the session has no fault rule.
    for (let i = 0; i < 3; i += 1) await me(b, session);
    expect((await send(a, session, { method: 'POST', path: '/__mock/faults', body: { method: 'PATCH', status: 500, times: 1 } })).status).toBe(201);
    expect((await send(b, session, { method: 'PATCH', path: '/users/me', body: { name: 'Not kept' } })).status).toBe(500);
    expect((await me(a, session)).name).toBe('Alex Rivera');
    expect((await send(b, session, { method: 'PATCH', path: '/users/me', body: { name: 'Kept' } })).status).toBe(200);
    expect((await me(a, session)).name).toBe('Kept');
    expect((await send(a, session, { path: '/__mock/faults' })).body.data).toEqual([]);
    const journal = (await send(a, session, { path: '/__mock/requests?limit=1000' })).body.data as { id: string; method: string; status: number; fault_id: string | null }[];
    expect(journal.map((entry) => entry.id)).toEqual(Array.from({ length: 13 }, (_, i) => `req_${i + 1}`));
    expect(journal.filter((entry) => entry.fault_id !== null).map((entry) => [entry.method, entry.status])).toEqual([
      ['GET', 500],
      ['GET', 500],
      ['PATCH', 500],
    ]);
  });

  it('confirmed reads keep the session alive: its expiry is refreshed as an open would', async () => {
    const session = 'trusted-busy';
    expect((await send(b, session, { method: 'PATCH', path: '/users/me', body: { name: 'Still here' } })).status).toBe(200);
    const until = Date.now() + 3 * IDLE_MS;
    while (Date.now() < until) {
      expect((await me(b, session)).name).toBe('Still here');
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 6));
    }
    expect((await me(a, session)).name).toBe('Still here');
  });
});
