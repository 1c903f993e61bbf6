// Child servers on 127.0.0.1: free port, start (until the port answers), stop, and what the bench
// reads about them (RSS and CPU from /proc, one plain HTTP request).

import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { HOST, ROOT } from './config.mjs';

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

/** VmRSS of a process in MB, from /proc (Linux). */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time so far, in ms: all cores busy (from /proc/stat), the server process (its
 * /proc/<pid>/stat utime+stime), and this process (the load generator). The difference of two
 * snapshots tells whether the server was saturated, how hard autocannon worked, and whether
 * anything else on the machine competed during the measurement.
 */
export function cpuSnapshot(pid) {
  const at = performance.now();
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    const machineBusy = ((user + nice + system + irq + softirq + (steal ?? 0)) * 1000) / CLK_TCK;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const server = ((Number(after[11]) + Number(after[12])) * 1000) / CLK_TCK;
    const usage = process.cpuUsage();
    return { at, machineBusy, server, generator: (usage.user + usage.system) / 1000 };
  } catch {
    return null;
  }
}

/** Percent of one core each, between two snapshots. */
export function cpuShare(before, after) {
  if (!before || !after) return null;
  const wall = after.at - before.at;
  const server = (100 * (after.server - before.server)) / wall;
  const generator = (100 * (after.generator - before.generator)) / wall;
  const others = Math.max(0, (100 * (after.machineBusy - before.machineBusy)) / wall - server - generator);
  return { server, generator, others };
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

/** Children still running: stopped if the bench itself ends early (Ctrl-C, a crash, a closed pipe). */
const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => process.exit(1));

/** Spawns a server and resolves once its port answers HTTP (any status). */
export async function start(server, { extraNodeArgs = [], env = {} } = {}) {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [...extraNodeArgs, ...server.args(port)], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...(server.env?.(port) ?? {}), NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const handle = { child, port, firstLineMs: null, stderrTail: '', exited: null, memListeners: [] };
  // Drain both pipes (a full pipe would block the child); keep the stderr tail for errors.
  child.stdout.on('data', () => {
    handle.firstLineMs ??= performance.now() - began;
  });
  child.stderr.on('data', (chunk) => {
    const text = chunk.toString('utf8');
    for (const line of text.split('\n')) if (line.startsWith('BENCH_MEM ')) handle.memListeners.shift()?.(JSON.parse(line.slice(10)));
    handle.stderrTail = (handle.stderrTail + text).slice(-2000);
  });
  handle.exitedPromise = new Promise((resolve) => child.once('exit', (code, signal) => resolve((handle.exited = { code, signal }))));
  const deadline = began + 30_000;
  for (;;) {
    if (handle.exited) throw new Error(`${server.name} exited before answering (${JSON.stringify(handle.exited)}):\n${handle.stderrTail}`);
    if (performance.now() > deadline) {
      await stop(handle);
      throw new Error(`${server.name} did not answer on port ${port} within 30 s:\n${handle.stderrTail}`);
    }
    try {
      await request(port, { path: '/__bench_ready' });
      break;
    } catch {
      await sleep(5);
    }
  }
  handle.startMs = performance.now() - began;
  return handle;
}

export async function stop(handle) {
  if (handle.exited) return;
  handle.child.kill('SIGTERM');
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), 5000);
  await handle.exitedPromise;
  clearTimeout(timer);
}
