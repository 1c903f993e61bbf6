import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A real redis-server for the store tests, started by the tests on a free loopback port without
// persistence, in a temporary folder, and stopped by its PID. Where the binary is missing the
// Redis tests skip with a loud message; under CI (which installs it: .ci/run) they fail instead.

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

export const redisInstalled = spawnSync(BINARY, ['--version'], { stdio: 'ignore' }).status === 0;

if (!redisInstalled) {
  if (process.env.CI) throw new Error(`${BINARY} is not installed, and CI must run the Redis store tests: install the redis-server package (.ci/run does)`);
  process.stderr.write(`\n*** ${BINARY} not found: the Redis store tests are SKIPPED. Install the redis-server package (apt-get install redis-server) to run them. ***\n\n`);
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops it (SIGTERM, then SIGKILL after 10 s), by its PID. */
  stop(): Promise<void>;
  /** Stops it, keeping its folder, so `restart` can start it again. */
  stopOnly(): Promise<void>;
  /** (Stops it and) starts it again on the same port and folder: empty without persistence, as before with `--appendonly yes`. */
  restart(): Promise<void>;
  /** What redis-server printed, every start (for a failing test to show). */
  log(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `extraArgs` go after the defaults (so they win): e.g. examples/compose/compose.yaml's `--appendonly yes`. */
export async function startRedis(extraArgs: readonly string[] = []): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'whop-mock-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    child = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}: ${output}`)), 10_000);
      const check = () => {
        if (/Ready to accept connections/.test(output)) {
          clearTimeout(timer);
          resolve();
        } else setTimeout(check, 20);
      };
      child?.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
      check();
    });
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    // As `docker stop` does: 10 s to exit cleanly (with an append-only file, its last writes reach the disk).
    const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    stopOnly: stop,
    log: () => log,
    restart: async () => {
      await stop();
      await start();
    },
  };
}
