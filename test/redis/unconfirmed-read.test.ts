import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, startMock } from '../support/mock.js';
import { redisRelay, type RedisRelay } from '../support/redis-relay.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

// An answer read from a trusted copy (no open) is confirmed by its journal entry. When the append
// fails (here: Redis answers after the store timeout), the answer can be neither confirmed nor
// refuted, and the script may well have run: the request must not run again (it would be
// journaled twice), it is answered 503 mock_store_unavailable instead.
const HOLD_MS = 300;
const TIMEOUT_MS = 200;

/** The relay to Redis (replies in order); once armed, the next reply chunk is held back HOLD_MS. */
async function holdingLink(redisPort: number): Promise<RedisRelay & { arm: () => void }> {
  let armed = false;
  const relay = await redisRelay(redisPort, () => {
    const hold = armed ? HOLD_MS : 0;
    armed = false;
    return hold;
  });
  return { ...relay, arm: () => void (armed = true) };
}

describe.runIf(redisInstalled)('an unopened read whose journal append fails', () => {
  let redis: RedisServer;
  let link: Awaited<ReturnType<typeof holdingLink>>;
  let mock: MockServer;
  beforeAll(async () => {
    redis = await startRedis();
    link = await holdingLink(redis.port);
    mock = await startMock({ store: `redis://127.0.0.1:${link.port}/0`, storeTimeoutMs: TIMEOUT_MS });
  });
  afterAll(async () => {
    await mock?.close();
    await new Promise((resolve) => link?.server.close(resolve));
    await redis?.stop();
  });

  const me = () => call(mock, { token: 'tok_user_alex_full', path: '/users/me', headers: { 'x-mock-session': 'dup' } });

  it('is answered 503 mock_store_unavailable and never run again (one request, at most one entry)', async () => {
    for (let i = 0; i < 4; i += 1) expect((await me()).status).toBe(200);
    link.arm();
    const answer = await me();
    expect(answer.status).toBe(503);
    expect((answer.body as { error: { code: string } }).error.code).toBe('mock_store_unavailable');
    expect(answer.headers.get('retry-after')).toBe('1');
    // The held reply arrives; the store answers again.
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS * 2));
    const journal = await call(mock, { path: '/__mock/requests?limit=100', headers: { 'x-mock-session': 'dup' } });
    expect(journal.status).toBe(200);
    const ids = (journal.body.data as { id: string }[]).map((entry) => entry.id);
    // Four reads, and the fifth's entry at most once (here the script ran: the reply was only late).
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
