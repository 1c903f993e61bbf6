import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type { MockServer, MockServerOptions } from '../../src/index.js';
import { startMock } from './mock.js';
import { startRedis, type RedisServer } from './redis-server.js';

export interface RedisWithClient {
  readonly redis: RedisServer;
  /** A plain client on the redis-server, to read what the store wrote or to send it commands. */
  readonly client: Redis;
}

export interface RedisMock extends RedisWithClient {
  /** A whop-mock whose store is that redis-server (a test may replace it; the one left is closed). */
  server: MockServer;
}

async function startWithClient(ctx: { redis: RedisServer; client: Redis }): Promise<void> {
  ctx.redis = await startRedis();
  ctx.client = new Redis(ctx.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await ctx.client.connect();
}

/** For one describe block: a real redis-server and a plain ioredis client on it, stopped after it. */
export function useRedis(): RedisWithClient {
  const ctx = {} as { redis: RedisServer; client: Redis };
  beforeAll(() => startWithClient(ctx));
  afterAll(async () => {
    ctx.client?.disconnect();
    await ctx.redis?.stop();
  });
  return ctx;
}

/**
 * For one describe block: a real redis-server, a plain ioredis client on it and a whop-mock using
 * it as its store (with `options`), started before the block and stopped after it (the mock
 * first). The fields are set in beforeAll, so read them inside the tests (`ctx.server`), not when
 * the block is declared.
 */
export function useRedisMock(options: MockServerOptions = {}): RedisMock {
  const ctx = {} as { redis: RedisServer; client: Redis; server: MockServer };
  beforeAll(async () => {
    await startWithClient(ctx);
    ctx.server = await startMock({ store: ctx.redis.url, ...options });
  });
  afterAll(async () => {
    await ctx.server?.close();
    ctx.client?.disconnect();
    await ctx.redis?.stop();
  });
  return ctx;
}
