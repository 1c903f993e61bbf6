// Child servers on 127.0.0.1: a free port, start (until the port answers HTTP), stop, one plain
// request, and the guarantee that no child outlives the bench.

import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { HOST, ROOT } from './config.mjs';
import { serverIsPinned } from './pinning.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function request(port, { method = 'GET', path = '/', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Children still running, killed by PID if the bench ends early (Ctrl-C, a crash, a watchdog). */
const live = new Set();
export function killAll() {
  for (const child of live) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping every server it started\n`);
    process.exit(130);
  });
}
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => process.exit(1));

/**
 * Spawns a server (on the server core when pinning applies) and resolves once its port answers
 * HTTP, any status. stdout goes to /dev/null: an access log costs the server its write, and
 * draining a pipe here would charge the load generator's core. stderr is kept for errors.
 */
export async function start(server, { pinning, extraNodeArgs = [], env = {}, timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const began = performance.now();
  const command = [...(pinning?.prefix ?? []), process.execPath, ...extraNodeArgs, ...server.args(port)];
  const child = spawn(command[0], command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...env, ...(server.env?.(port) ?? {}), NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const handle = { child, pid: child.pid, port, stderrTail: '', exited: null, memListeners: [], name: server.name };
  child.stderr.on('data', (chunk) => {
    const text = chunk.toString('utf8');
    for (const line of text.split('\n')) if (line.startsWith('BENCH_MEM ')) handle.memListeners.shift()?.(JSON.parse(line.slice(10)));
    handle.stderrTail = (handle.stderrTail + text).slice(-2000);
  });
  handle.exitedPromise = new Promise((resolve) => child.once('exit', (code, signal) => resolve((handle.exited = { code, signal }))));
  const deadline = began + timeoutMs;
  for (;;) {
    if (handle.exited) throw new Error(`${server.name} exited before answering (${JSON.stringify(handle.exited)}):\n${handle.stderrTail}`);
    if (performance.now() > deadline) {
      await stop(handle);
      throw new Error(`${server.name} did not answer on port ${port} within ${timeoutMs / 1000} s:\n${handle.stderrTail}`);
    }
    try {
      await request(port, { path: '/__bench_ready' });
      break;
    } catch {
      await sleep(5);
    }
  }
  handle.startMs = performance.now() - began;
  if (pinning && !serverIsPinned(child.pid, pinning)) {
    await stop(handle);
    throw new Error(`${server.name} (pid ${child.pid}) is not confined to core ${pinning.serverCpu}`);
  }
  return handle;
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
export async function stop(handle) {
  if (!handle || handle.exited) return;
  handle.child.kill('SIGTERM');
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), 5000);
  await handle.exitedPromise;
  clearTimeout(timer);
}
