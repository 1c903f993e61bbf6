// Processes a script starts (npm, npx, servers, redis-server): each in a process group of its own,
// so a wrapper such as npx and the server it runs stop together, and stopped by that group's id,
// never by name. A script's main() calls stopOnExit() so that none outlives it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Groups started and not yet stopped. */
const groups = new Set();

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the whole group is gone already
  }
}

/** For a script's main(): kill every group still running when the process exits or is interrupted. */
export function stopOnExit() {
  process.on('exit', () => {
    for (const pid of groups) killGroup(pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));
}

/** An environment without the variables the whop-mock CLI reads, so the caller's shell cannot leak in. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key !== 'PORT' && key !== 'HOST' && !key.startsWith('WHOP_MOCK_') && !key.startsWith('NODE_OPTIONS')) env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Starts `command` in its own process group. `waitFor(pattern)` resolves with the first match in
 * its stdout; `stop()` sends SIGTERM to the group, then SIGKILL after `graceMs`.
 */
export function start(command, args, { cwd, env = cleanEnv() } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  groups.add(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  let exit;
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve((exit = { code, signal }))));
  const spawnFailed = new Promise((resolve) => child.on('error', (error) => resolve((exit = { code: null, signal: null, error }))));
  const ended = Promise.race([exited, spawnFailed]);
  const output = () => `${stdout}${stderr}`.slice(-3000);
  return {
    pid: child.pid,
    stdout: () => stdout,
    output,
    ended,
    async waitFor(pattern, ms = 20_000) {
      for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(25)) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (exit) throw new Error(`${command} ${args.join(' ')} exited (${exit.error?.message ?? exit.code ?? exit.signal}) before printing ${pattern}:\n${output()}`);
      }
      throw new Error(`${command} ${args.join(' ')} printed no ${pattern} within ${ms} ms:\n${output()}`);
    },
    async stop(graceMs = 5000) {
      if (!groups.has(child.pid)) return exit;
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
      await ended;
      clearTimeout(timer);
      // The leader is gone; anything it left in its group goes too.
      killGroup(child.pid, 'SIGKILL');
      groups.delete(child.pid);
      return exit;
    },
  };
}

/** Runs `command` to its end, bounded: its group is killed after `timeoutMs`. Resolves with its exit code and output. */
export async function run(command, args, { cwd, env, timeoutMs = 120_000 } = {}) {
  const started = start(command, args, { cwd, env });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void started.stop(1000);
  }, timeoutMs);
  const exit = await started.ended;
  clearTimeout(timer);
  await started.stop(1000);
  return { code: timedOut ? null : exit.code, timedOut, stdout: started.stdout(), output: started.output(), error: exit.error };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port free on 127.0.0.1 now (for programs that cannot be told to take port 0). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
