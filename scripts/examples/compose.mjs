// examples/compose: Docker cannot be assumed here, so what the compose file describes runs as
// processes, as test/redis/compose.test.ts does with the repository's build, but with the packed
// package's bin: Redis with the file's own command line, two replicas with the file's environment
// (the store pointed at that Redis), the runner alternating between them where the balancer
// would. Also: the paths the file names exist from its folder in the repository, and, where
// `docker compose` is installed, `docker compose config` accepts the file. nginx and the image
// build are not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { cleanEnv, freePort, run, start } from '../support/processes.mjs';

const REDIS = process.env.REDIS_SERVER ?? 'redis-server';
const LISTENING = /listening on (http:\/\/\S+)/;

export async function checkCompose({ dir, source }) {
  const compose = parse(readFileSync(join(dir, 'compose.yaml'), 'utf8'));
  const notes = [pathsExist(compose, source)];
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore', timeout: 10_000 }).status === 0) {
    const config = await run('docker', ['compose', '-f', join(source, 'compose.yaml'), 'config', '--quiet'], { timeoutMs: 60_000 });
    if (config.code !== 0) throw new Error(`docker compose config refused the file:\n${config.output}`);
    notes.push('docker compose config: valid');
  } else {
    notes.push('no docker compose here: config not checked by Docker');
  }
  if (spawnSync(REDIS, ['--version'], { stdio: 'ignore' }).status !== 0) {
    if (process.env.CI) throw new Error(`${REDIS} is not installed: CI must install redis-server (.ci/run does)`);
    return { skipped: true, note: `${notes.join('; ')}; no ${REDIS}, so the replicas did not run` };
  }
  notes.push(await replicasOnRedis(compose, dir));
  return { note: notes.join('; ') };
}

/** Compose resolves relative paths from the file's folder: the build context and every bind mount. */
function pathsExist(compose, source) {
  const named = [];
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    const context = typeof service.build === 'string' ? service.build : service.build?.context;
    if (context !== undefined) named.push([`${name}'s build context (a Dockerfile in it)`, join(resolve(source, context), 'Dockerfile')]);
    for (const volume of service.volumes ?? []) {
      const from = String(volume).split(':')[0];
      if (from.startsWith('.') || from.startsWith('/')) named.push([`${name}'s volume ${from}`, resolve(source, from)]);
    }
  }
  const missing = named.filter(([, path]) => !existsSync(path));
  if (missing.length > 0) throw new Error(`compose.yaml names what does not exist: ${missing.map(([what, path]) => `${what} (${path})`).join(', ')}`);
  return `${named.length} paths it names exist`;
}

async function replicasOnRedis(compose, dir) {
  const [binary, ...args] = compose.services.redis.command;
  if (binary !== 'redis-server') throw new Error(`the redis service runs ${binary}, not redis-server`);
  const data = mkdtempSync(join(tmpdir(), 'whop-mock-compose-redis-'));
  const port = await freePort();
  const redis = start(REDIS, [...args, '--port', String(port), '--bind', '127.0.0.1', '--dir', data, '--protected-mode', 'yes'], { cwd: data });
  const replicas = {};
  const bin = join(dir, 'node_modules', '.bin', 'whop-mock');
  const startReplica = async (name) => {
    const env = cleanEnv({ ...compose.services[name].environment, WHOP_MOCK_STORE: `redis://127.0.0.1:${port}/0`, PORT: '0' });
    const replica = start(bin, [], { cwd: dir, env });
    replicas[name] = { replica, url: (await replica.waitFor(LISTENING))[1] };
  };
  const ask = async (name, method = 'GET', body) => {
    const response = await fetch(`${replicas[name].url}/users/me`, {
      method,
      headers: { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json', 'x-mock-session': 'compose' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, name: (await response.json()).name };
  };
  const expect = (what, got, wanted) => {
    if (JSON.stringify(got) !== JSON.stringify(wanted)) throw new Error(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(wanted)}`);
  };
  try {
    await redis.waitFor(/Ready to accept connections/);
    await Promise.all([startReplica('mock-a'), startReplica('mock-b')]);
    expect('PATCH through mock-a', await ask('mock-a', 'PATCH', { name: 'Through A' }), { status: 200, name: 'Through A' });
    expect('GET through mock-b', await ask('mock-b'), { status: 200, name: 'Through A' });
    expect('PATCH through mock-b', await ask('mock-b', 'PATCH', { name: 'Through B' }), { status: 200, name: 'Through B' });
    expect('GET through mock-a', await ask('mock-a'), { status: 200, name: 'Through B' });
    // `docker compose restart mock-a`: SIGTERM, a clean exit, a new process that sees the same state.
    const exit = await replicas['mock-a'].replica.stop();
    expect('mock-a after SIGTERM', exit.code, 0);
    await startReplica('mock-a');
    expect('GET through the restarted mock-a', await ask('mock-a'), { status: 200, name: 'Through B' });
    return 'two replicas of the packed bin on redis-server with its command line: read-your-writes across them and a restart';
  } finally {
    for (const { replica } of Object.values(replicas)) await replica.stop();
    await redis.stop();
    rmSync(data, { recursive: true, force: true });
  }
}
