import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENING, spawnCli, type Cleanup, type Cli } from '../support/cli-process.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

// Two whop-mock processes (dist/bin/whop-mock.js, as users run them) sharing one real redis-server: the
// topology of examples/compose/compose.yaml, with the load balancer left to the tests (they pick the replica).
const TOKEN = 'tok_user_alex_full';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

interface Replica {
  readonly cli: Cli;
  readonly url: string;
}

async function startReplica(cleanup: Cleanup, redis: RedisServer, extra: string[] = []): Promise<Replica> {
  const cli = spawnCli(cleanup, ['--port', '0', '--store', redis.url, '--log-level', 'warn', ...extra]);
  for (let waited = 0; waited < 15_000; waited += 20) {
    const match = LISTENING.exec(cli.stdout().split('\n')[0] ?? '');
    if (match) return { cli, url: match[2] as string };
    if (cli.child.exitCode !== null) throw new Error(`replica exited: ${cli.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`replica did not start: ${cli.stderr()}`);
}

const request = async (replica: Replica, path: string, init: { method?: string; body?: unknown; session?: string } = {}) => {
  const response = await fetch(`${replica.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...HEADERS, ...(init.session ? { 'x-mock-session': init.session } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, retryAfter: response.headers.get('retry-after'), violation: response.headers.get('x-mock-contract-violation') };
};

describe.runIf(redisInstalled)('two replicas on one Redis', () => {
  let redis: RedisServer;
  let a: Replica;
  let b: Replica;
  const kills: (() => void)[] = [];
  const cleanup: Cleanup = (fn) => void kills.push(fn as () => void);
  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all([startReplica(cleanup, redis), startReplica(cleanup, redis)]);
  });
  afterAll(async () => {
    for (const kill of kills) kill();
    await redis.stop();
  });

  it('a write through A is read through B at once (read-your-writes), and sessions stay apart', async () => {
    for (let i = 0; i < 20; i += 1) {
      const [writer, reader] = i % 2 === 0 ? [a, b] : [b, a];
      expect((await request(writer, '/users/me', { method: 'PATCH', body: { name: `Name ${i}` }, session: 'ryw' })).status).toBe(200);
      expect((await request(reader, '/users/me', { session: 'ryw' })).body.name).toBe(`Name ${i}`);
    }
    expect((await request(b, '/users/me', { session: 'elsewhere' })).body.name).toBe('Alex Rivera');
    expect((await request(a, '/users/me')).body.name).toBe('Alex Rivera');
  });

  it('loses no write when both replicas change one record at once (optimistic commits, retried)', async () => {
    const session = 'race';
    const writes = Array.from({ length: 15 }, (_, i) => [
      request(a, '/users/me', { method: 'PATCH', body: { name: `N${i}` }, session }),
      request(b, '/users/me', { method: 'PATCH', body: { bio: `B${i}` }, session }),
    ]).flat();
    const replies = await Promise.all(writes);
    // A refusal shows its code (mock_store_busy: conflicts outlasted the retries).
    expect(replies.map((r) => (r.status === 200 ? 200 : `${r.status} ${r.body?.error?.code}`))).toEqual(writes.map(() => 200));
    const me = (await request(a, '/users/me', { session })).body;
    // Whatever the order the 30 writes were committed in (the journal's order, by id), the last
    // name and the last bio both survive: no write was lost to a stale copy.
    const journal = (await request(a, '/__mock/requests?method=PATCH&limit=1000', { session })).body.data as { id: string; body: { name?: string; bio?: string } }[];
    expect(journal).toHaveLength(30);
    expect(me.name).toBe(journal.filter((e) => e.body.name).at(-1)?.body.name);
    expect(me.bio).toBe(journal.filter((e) => e.body.bio).at(-1)?.body.bio);
  });

  it('a fault for the next N requests fires N times in total under concurrent load through both', async () => {
    const session = 'faults';
    expect((await request(a, '/__mock/faults', { method: 'POST', body: { operationId: 'retrieveUser', status: 500, times: 7 }, session })).status).toBe(201);
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => request(i % 2 ? a : b, '/users/user_alex123', { session })));
    expect(replies.filter((r) => r.status === 500)).toHaveLength(7);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(33);
    expect((await request(b, '/__mock/faults', { session })).body.data).toEqual([]);
    // The journal has every one of the 40, whichever replica answered, with ids 1..40.
    const journal = (await request(b, '/__mock/requests?limit=1000', { session })).body.data;
    expect(journal.map((e: { id: string }) => e.id).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `req_${i + 1}`).sort());
    expect(journal.filter((e: { fault_id: string | null }) => e.fault_id === 'flt_1')).toHaveLength(7);
  });

  it('pages through a list taking turns between replicas (cursors are shared)', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let turn = 0; turn < 10; turn += 1) {
      const page: { body: { data: { id: string }[]; page_info: { end_cursor: string; has_next_page: boolean } } } = await request(turn % 2 ? a : b, `/users?first=3${after ? `&after=${after}` : ''}`);
      expect(page.body.data).toBeDefined();
      seen.push(...page.body.data.map((u) => u.id));
      if (!page.body.page_info.has_next_page) break;
      after = page.body.page_info.end_cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(6);
  });

  it('a replica killed with SIGKILL and started again serves the same state and accepts its old cursors', async () => {
    await request(a, '/users/me', { method: 'PATCH', body: { name: 'Survives' }, session: 'restart' });
    const cursor = (await request(a, '/users?first=2', { session: 'restart' })).body.page_info.end_cursor as string;
    a.cli.child.kill('SIGKILL');
    await a.cli.exited;
    a = await startReplica(cleanup, redis);
    expect((await request(a, '/users/me', { session: 'restart' })).body.name).toBe('Survives');
    const next = await request(a, `/users?first=2&after=${cursor}`, { session: 'restart' });
    expect(next.status).toBe(200);
    expect(next.body.data).toHaveLength(2);
  });

  it('answers 503 mock_store_unavailable while Redis is down, and recovers by itself when it is back', async () => {
    await redis.restart(); // a clean slate for the outage
    await redis.stopOnly();
    const down = await request(b, '/users/me', { session: 'outage' });
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ type: 'service_unavailable', code: 'mock_store_unavailable', param: null });
    expect(down.retryAfter).toBe('1');
    expect(down.violation).toBeNull();
    expect((await request(a, '/users/me', { method: 'PATCH', body: { name: 'x' }, session: 'outage' })).status).toBe(503);
    expect((await request(a, '/__mock/requests', { session: 'outage' })).status).toBe(503);
    await redis.restart();
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i += 1) {
      status = (await request(b, '/users/me', { session: 'outage' })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(200);
    for (let i = 0; i < 100 && (await request(a, '/users/me', { session: 'outage' })).status !== 200; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await request(a, '/users/me', { method: 'PATCH', body: { name: 'Back' }, session: 'outage' })).status).toBe(200);
    expect((await request(b, '/users/me', { session: 'outage' })).body.name).toBe('Back');
    expect(a.cli.child.exitCode).toBeNull();
    expect(b.cli.child.exitCode).toBeNull();
  });
});

describe.runIf(redisInstalled)('starting a replica against Redis', () => {
  it('fails with one line and a non-zero exit when Redis cannot be reached', async ({ onTestFinished }) => {
    const redis = await startRedis();
    const url = redis.url;
    await redis.stop();
    const cli = spawnCli(onTestFinished, ['--port', '0', '--store', url]);
    const exit = await cli.exited;
    expect(exit.code).toBe(1);
    expect(cli.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^whop-mock: cannot reach the Redis store at redis:\/\/127\.0\.0\.1:\d+\/0: connect ECONNREFUSED/)]);
  });

  it('refuses to share a store with a replica of another world, naming both fingerprints in one line', async ({ onTestFinished }) => {
    const redis = await startRedis();
    onTestFinished(() => redis.stop());
    await startReplica(onTestFinished, redis);
    const other = spawnCli(onTestFinished, ['--port', '0', '--store', redis.url, '--generate-users', '5']);
    expect((await other.exited).code).toBe(1);
    const lines = other.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/holds another world \(fingerprint redis-2:[0-9a-f]{16}\) than this replica's \(redis-2:[0-9a-f]{16}\)/);
  });

  it('refuses a --cursor-secret other than the one the store holds, in one line; the same one is welcome', async ({ onTestFinished }) => {
    const redis = await startRedis();
    onTestFinished(() => redis.stop());
    await startReplica(onTestFinished, redis, ['--cursor-secret', 'the-first-replicas-secret']);
    const other = spawnCli(onTestFinished, ['--port', '0', '--store', redis.url, '--cursor-secret', 'another-secret-entirely']);
    expect((await other.exited).code).toBe(1);
    expect(other.stderr().trim().split('\n')).toEqual([expect.stringMatching(/holds another cursor secret than --cursor-secret: give every replica the same one/)]);
    const same = await startReplica(onTestFinished, redis, ['--cursor-secret', 'the-first-replicas-secret']);
    expect(same.cli.child.exitCode).toBeNull();
  });
});
