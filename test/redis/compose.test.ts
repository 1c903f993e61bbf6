import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LISTENING, spawnCli, type Cli } from '../support/cli-process.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

// examples/compose/compose.yaml cannot run here (no Docker engine, no nginx). What can run does,
// for real: its Redis command line on a real redis-server, and its two replicas as CLI processes
// with exactly the environment it gives them (the store URL pointed at that redis-server). The
// test takes the balancer's place by alternating between the replicas, as its round-robin does;
// the first block keeps the file and the balancer's config in step with that topology.
// (scripts/examples.mjs does the same with the packed package's bin.)
const COMPOSE = 'examples/compose/compose.yaml';
const compose = parse(readFileSync(COMPOSE, 'utf8')) as {
  services: Record<string, { image?: string; build?: string; command?: string[]; environment?: Record<string, string>; ports?: string[]; volumes?: string[] }>;
};

describe(COMPOSE, () => {
  const nginx = readFileSync('deploy/nginx.conf', 'utf8');

  it('runs Redis with persistence and two replicas of this image on it', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['balancer', 'mock-a', 'mock-b', 'redis']);
    expect(compose.services.redis?.image).toMatch(/^redis:7/);
    expect(compose.services.redis?.volumes).toEqual(['redis-data:/data']);
    for (const name of ['mock-a', 'mock-b']) {
      expect(compose.services[name]?.build).toBe('../..');
      expect(compose.services[name]?.environment?.WHOP_MOCK_STORE).toBe('redis://redis:6379/0');
    }
  });

  it('names paths that exist from its own folder: the repository root to build, the balancer config', () => {
    // Compose resolves relative paths from the file's folder, not from where it is run.
    const from = (path: string) => resolve(dirname(COMPOSE), path);
    expect(existsSync(join(from(compose.services['mock-a']?.build ?? ''), 'Dockerfile'))).toBe(true);
    const mounted = (compose.services.balancer?.volumes ?? []).map((volume) => from(volume.split(':')[0] ?? ''));
    expect(mounted).toEqual([resolve('deploy/nginx.conf')]);
    expect(existsSync(mounted[0] ?? '')).toBe(true);
  });

  it('balances over both replicas round-robin, published on loopback only', () => {
    expect(compose.services.balancer?.ports).toEqual(['127.0.0.1:4010:4010']);
    expect(compose.services.balancer?.volumes).toEqual(['../../deploy/nginx.conf:/etc/nginx/nginx.conf:ro']);
    expect(nginx).toMatch(/upstream whop_mock \{\s*server mock-a:4010;\s*server mock-b:4010;/);
    expect(nginx).not.toMatch(/ip_hash|least_conn|hash /);
  });
});

describe.runIf(redisInstalled)(`${COMPOSE}'s Redis and replicas, as processes`, () => {
  const HEADERS = { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json', 'x-mock-session': 'compose' };
  let redis: RedisServer;
  const kills: (() => void)[] = [];
  const replicas: Record<string, { cli: Cli; url: string }> = {};

  const start = async (name: 'mock-a' | 'mock-b') => {
    const env = { ...compose.services[name]?.environment, WHOP_MOCK_STORE: redis.url, PORT: '0' };
    const cli = spawnCli((fn) => void kills.push(fn as () => void), [], env);
    for (let waited = 0; waited < 15_000; waited += 20) {
      const match = LISTENING.exec(cli.stdout().split('\n')[0] ?? '');
      if (match) return (replicas[name] = { cli, url: match[2] as string });
      if (cli.child.exitCode !== null) throw new Error(`${name} exited: ${cli.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${name} did not start: ${cli.stderr()}`);
  };
  const ask = async (name: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${replicas[name]?.url}/users/me`, { method, headers: HEADERS, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { name: string } };
  };

  /** Asks until the replica answers 200 (503 while Redis is coming back; a keep-alive socket the replica closed meanwhile is retried). */
  const settled = async (name: string) => {
    let reply: Awaited<ReturnType<typeof ask>> | undefined;
    for (let i = 0; i < 200 && reply?.status !== 200; i += 1) {
      reply = await ask(name).catch(() => undefined);
      if (reply?.status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return reply;
  };

  beforeAll(async () => {
    const command = compose.services.redis?.command ?? [];
    expect(command[0]).toBe('redis-server');
    redis = await startRedis(command.slice(1));
    await Promise.all([start('mock-a'), start('mock-b')]);
  });
  afterAll(async () => {
    for (const kill of kills) kill();
    await redis?.stop();
  });

  it('edit through one replica, read through the other; restart either, or Redis, and nothing is lost', async () => {
    expect((await ask('mock-a', 'PATCH', { name: 'Through A' })).status).toBe(200);
    expect((await ask('mock-b')).body.name).toBe('Through A');
    expect((await ask('mock-b', 'PATCH', { name: 'Through B' })).status).toBe(200);
    expect((await ask('mock-a')).body.name).toBe('Through B');

    // `docker compose restart mock-a`: SIGTERM, then a new process.
    const a = replicas['mock-a'] as { cli: Cli };
    a.cli.child.kill('SIGTERM');
    expect((await a.cli.exited).code).toBe(0);
    await start('mock-a');
    expect((await ask('mock-a')).body.name).toBe('Through B');

    // `docker compose restart redis`: with compose's --appendonly yes, the sessions are on disk.
    await redis.restart();
    expect(await settled('mock-b'), redis.log()).toEqual({ status: 200, body: expect.objectContaining({ name: 'Through B' }) });
    expect(await settled('mock-a'), redis.log()).toEqual({ status: 200, body: expect.objectContaining({ name: 'Through B' }) });
  }, 60_000);
});
