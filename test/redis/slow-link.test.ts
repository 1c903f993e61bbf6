import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENING, spawnCli, type Cleanup } from '../support/cli-process.js';
import { redisRelay, type RedisRelay } from '../support/redis-relay.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

// A replica whose link to Redis is slow (every reply held back REPLY_DELAY_MS, in order), beside
// one on a direct link, both on one real redis-server. Under load the slow replica always has a
// session open in flight; a request arriving meanwhile must not take that open's answer (it may
// have run before a write acknowledged since), and must not be answered before its journal entry
// is stored.
const REPLY_DELAY_MS = 25;
const HEADERS = { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json' };

/** A loopback TCP relay to Redis that delays what Redis sends back, keeping its order. */
async function startReplica(cleanup: Cleanup, store: string): Promise<string> {
  const cli = spawnCli(cleanup, ['--port', '0', '--store', store, '--log-level', 'warn']);
  for (let waited = 0; waited < 15_000; waited += 20) {
    const match = LISTENING.exec(cli.stdout().split('\n')[0] ?? '');
    if (match) return match[2] as string;
    if (cli.child.exitCode !== null) throw new Error(`replica exited: ${cli.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`replica did not start: ${cli.stderr()}`);
}

async function request(base: string, path: string, session: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers: { ...HEADERS, 'x-mock-session': session }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: response.status, body: (await response.json()) as { bio?: string; data?: unknown } };
}

describe.runIf(redisInstalled)('a replica on a slow link to Redis, beside one on a direct link', () => {
  let redis: RedisServer;
  let link: RedisRelay;
  let direct: string;
  let slow: string;
  const kills: (() => void)[] = [];
  const cleanup: Cleanup = (fn) => void kills.push(fn as () => void);
  beforeAll(async () => {
    redis = await startRedis();
    link = await redisRelay(redis.port, () => REPLY_DELAY_MS);
    [direct, slow] = await Promise.all([startReplica(cleanup, redis.url), startReplica(cleanup, `redis://127.0.0.1:${link.port}/0`)]);
  });
  afterAll(async () => {
    for (const kill of kills) kill();
    await new Promise((resolve) => link.server.close(resolve));
    await redis.stop();
  });

  it('read-your-writes holds while the slow replica is busy with the same session', async () => {
    const session = 'ryw-busy';
    let busy = true;
    const loops = Array.from({ length: 4 }, async () => {
      while (busy) await request(slow, '/users/me', session);
    });
    try {
      for (let i = 0; i < 10; i += 1) {
        expect((await request(direct, '/users/me', session, { method: 'PATCH', body: { bio: `Bio ${i}` } })).status).toBe(200);
        const reads = await Promise.all(Array.from({ length: 3 }, () => request(slow, '/users/me', session)));
        expect(reads.map((read) => read.body.bio)).toEqual(Array.from({ length: 3 }, () => `Bio ${i}`));
      }
    } finally {
      busy = false;
      await Promise.all(loops);
    }
  });

  it('answers concurrent requests only once their journal entries are stored (read through the other replica at once)', async () => {
    const session = 'journal-busy';
    const seen = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const path = `/users/user_missing_${i}`;
        expect((await request(slow, path, session)).status).toBe(404);
        const journal = (await request(direct, '/__mock/requests?limit=1000', session)).body.data as { path: string }[];
        return journal.some((entry) => entry.path === path);
      }),
    );
    expect(seen).toEqual(Array.from({ length: 24 }, () => true));
    const journal = (await request(direct, '/__mock/requests?limit=1000', session)).body.data as { id: string; path: string }[];
    expect(journal.map((entry) => entry.id).sort()).toEqual(Array.from({ length: 24 }, (_, i) => `req_${i + 1}`).sort());
  });
});
