// The Redis store in the bench: one redis-server started by the bench (loopback, a free port, no
// persistence, a temporary folder, on the load generator's core when pinning applies, so the
// server core stays whop-mock's alone), stopped by its PID when the bench ends; and the
// whop-mock server that keeps its sessions there. Skipped with a note when redis-server is
// missing or BENCH_SKIP_REDIS=1.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTIONS, HOST, LOAD_CPU, WHOP_BIN } from './config.mjs';
import { sleep } from './processes.mjs';

const BINARY = process.env.REDIS_SERVER || 'redis-server';
let url = null;
let child = null;
let dir = null;

/** The whop-mock server of the Redis rows (its args need the store's URL, known once started). */
export const REDIS_SERVERS = [
  {
    id: 'whop-redis',
    name: 'whop-mock, --store redis',
    kind: 'whop',
    needsRedis: true,
    args: (port) => [WHOP_BIN, '--port', String(port), '--log-level', 'silent', '--store', url],
    cells: ['get', 'list', 'members', 'patch'].map((id) => [id, CONNECTIONS]),
  },
];

/** Why the Redis rows cannot run, or null. */
export function redisUnavailable() {
  if (process.env.BENCH_SKIP_REDIS === '1') return 'BENCH_SKIP_REDIS=1';
  return spawnSync(BINARY, ['--version'], { stdio: 'ignore' }).status === 0 ? null : `${BINARY} is not installed (apt-get install redis-server)`;
}

/** Starts the bench's redis-server; resolves with its version. */
export async function startRedis(pinning) {
  const port = await new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, HOST, () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
  dir = mkdtempSync(join(tmpdir(), 'whop-mock-bench-redis-'));
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dir];
  const command = pinning?.applied ? ['taskset', '-c', String(LOAD_CPU), BINARY, ...args] : [BINARY, ...args];
  child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  for (let waited = 0; !/Ready to accept connections/.test(output); waited += 20) {
    if (child.exitCode !== null || waited > 10_000) throw new Error(`redis-server did not start: ${output.slice(-500)}`);
    await sleep(20);
  }
  url = `redis://${HOST}:${port}/0`;
  return /v=(\S+)/.exec(spawnSync(BINARY, ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown';
}

export function stopRedis() {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
}
process.on('exit', stopRedis);
