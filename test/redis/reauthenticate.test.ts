import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, startMock } from '../support/mock.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

// A write handed out from a trusted copy (no open) is authenticated on that copy. When its commit
// then finds the session moved on (another replica reset it: the token is gone) and the copy is
// reloaded, the request must not go on at the reloaded copy's version as if it had been
// authenticated there: it runs again on a session opened first. Two in-process replicas on one
// real redis-server.
describe.runIf(redisInstalled)('a write from a trusted copy whose session was reset by another replica', () => {
  let redis: RedisServer;
  let a: MockServer;
  let b: MockServer;
  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all([startMock({ store: redis.url }), startMock({ store: redis.url })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  const session = { 'x-mock-session': 'reauth' };

  it('is authenticated again: a token the reset removed is refused, nothing is written', async () => {
    const registered = await call(a, { method: 'POST', path: '/__mock/tokens', headers: session, body: { kind: 'user_oauth_token', user_id: 'user_alex123', scopes: ['user:profile:read', 'user:profile:update'] } });
    expect(registered.status).toBe(201);
    const token = (registered.body as { token: string }).token;
    // Trusted: a's later requests of this session are answered from its copy without an open.
    for (let i = 0; i < 3; i += 1) expect((await call(a, { token, path: '/users/me', headers: session })).status).toBe(200);
    expect((await call(b, { method: 'POST', path: '/__mock/reset', headers: session })).status).toBeLessThan(300);
    const patched = await call(a, { token, method: 'PATCH', path: '/users/me', headers: session, body: { bio: 'written with a token that no longer exists' } });
    expect(patched.status).toBe(401);
    const me = await call(b, { token: 'tok_user_alex_full', path: '/users/me', headers: session });
    expect((me.body as { bio: string | null }).bio).not.toBe('written with a token that no longer exists');
  });
});
