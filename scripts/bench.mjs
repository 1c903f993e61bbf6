#!/usr/bin/env node
// Performance benchmark: whop-mock against its peer (Stoplight Prism serving the same document)
// and two references (a plain Express 5 app and plain node:http returning a constant), measured
// in the same run on the same machine, plus whop-mock's memory per session and per journal entry
// and its list endpoint over 10,000 generated users. It prints numbers (markdown on stdout,
// progress on stderr); it asserts nothing about speed. The one hard failure is a valid request
// that whop-mock does not answer with 2xx (then the numbers would be meaningless).
// docs/performance.md explains the method and the results.
//
//   npm run bench                       build, then the full run (about 3 minutes at the defaults)
//   node scripts/bench.mjs --profile    CPU profile of whop-mock under the GET load, top functions
//
// Environment:
//   BENCH_SECONDS      measured seconds per scenario (default 10); a 2 s warm-up precedes each
//   BENCH_WARMUP       warm-up seconds per scenario (default 2)
//   BENCH_CONNECTIONS  concurrent connections (default 50)
//   BENCH_START_RUNS   cold starts per server for the start time (median; default 3)
//   BENCH_ALL=1        every scenario for every server (default: the servers with logging on and
//                      the constant references run the headline GET only, to keep the run short)
//   BENCH_SCALE_USERS  generated users for the scale row (default 10000)
//   BENCH_SKIP_PRISM=1 do not install or run Prism
//   BENCH_ONLY         semicolon-separated server names to run (e.g. "whop-mock;Express 5 constant")
//   BENCH_SESSIONS=0   skip the per-session memory measurement
//   BENCH_WHOP_CLI     path to another whop-mock cli.js to measure (e.g. a candidate fix)
//
// Everything talks to 127.0.0.1 only, every load run is bounded in time, and every child process
// is stopped before the next one starts. Prism is installed on demand into .bench/ (ignored by
// git, never added to package.json).

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const SECONDS = positive('BENCH_SECONDS', 10);
const WARMUP = positive('BENCH_WARMUP', 2);
const CONNECTIONS = positive('BENCH_CONNECTIONS', 50);
const START_RUNS = positive('BENCH_START_RUNS', 3);
const ALL = process.env.BENCH_ALL === '1';
const SKIP_PRISM = process.env.BENCH_SKIP_PRISM === '1';
const PROFILE = process.argv.includes('--profile');
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(';').map((name) => name.trim())) : null;
const SESSIONS_ON = process.env.BENCH_SESSIONS !== '0';
const PRISM_SPEC = 'specs/2026-06-09.yaml';
const PRISM_DIR = join(ROOT, '.bench');
const PRISM_BIN = join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
// BENCH_WHOP_CLI measures another build (a candidate fix) with the same script.
const WHOP_BIN = process.env.BENCH_WHOP_CLI ? resolve(process.env.BENCH_WHOP_CLI) : join(ROOT, 'dist', 'cli.js');
const WHOP_ROOT = dirname(dirname(WHOP_BIN));
const SESSIONS = 1000;
const SCALE_USERS = positive('BENCH_SCALE_USERS', 10000);
/** Requests journaled in one session to price a journal entry (the default journal keeps 500). */
const JOURNAL_FILL = 500;

// ---------------------------------------------------------------------------------------------
// What is requested. The same method, URL, headers and body go to every server.

const AUTH = { authorization: 'Bearer tok_user_alex_full' };
const LATEST = { 'api-version-date': '2026-07-20' };
const SCENARIOS = [
  { id: 'get', label: 'GET /users/{id}, latest version', method: 'GET', path: '/users/user_alex123', headers: { ...AUTH, ...LATEST } },
  { id: 'get-original', label: 'GET /users/{id}, no version header', method: 'GET', path: '/users/user_alex123', headers: { ...AUTH } },
  { id: 'list', label: 'GET /users?first=10, latest', method: 'GET', path: '/users?first=10', headers: { ...AUTH, ...LATEST } },
  {
    id: 'patch',
    label: 'PATCH /users/me {"bio"}, latest',
    method: 'PATCH',
    path: '/users/me',
    headers: { ...AUTH, ...LATEST, 'content-type': 'application/json' },
    body: '{"bio":"bench"}',
  },
];
const HEADLINE = ['get'];

// The references answer every request with a constant JSON body the size of whop-mock's latest
// GET /users/{id}, so the bytes on the wire match the headline scenario.
const CONSTANT_BODY = {
  id: 'user_alex123',
  username: 'alex',
  name: 'Alex Rivera',
  bio: 'Building communities on Whop.',
  created_at: '2022-03-14T09:30:00Z',
  profile_picture: { url: 'https://cdn.whop.com/avatar.png' },
  total_usd: null,
  balances: [],
  verification: { individual: { status: 'approved' }, business: null },
};

// The ceiling the issue names: a plain Express 5 app returning a constant.
const EXPRESS_APP = `
const express = require('express');
const body = ${JSON.stringify(CONSTANT_BODY)};
const app = express();
app.use((req, res) => { res.json(body); });
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('express listening on ' + process.env.PORT));
`;

// The floor under Express: node:http alone, same constant, same headers as whop-mock sends.
const NODE_HTTP_APP = `
const body = ${JSON.stringify(JSON.stringify(CONSTANT_BODY))};
require('node:http').createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('node:http listening on ' + process.env.PORT));
`;

// whop-mock's stdout is a pipe the bench drains: with --log-level info that is one JSON line per
// request through a real pipe, as in CI where a runner captures it.
const SERVERS = [
  {
    name: 'whop-mock',
    kind: 'whop',
    args: (port) => [WHOP_BIN, '--port', String(port), '--log-level', 'silent'],
    scenarios: SCENARIOS.map((s) => s.id),
  },
  {
    name: 'whop-mock, access log on',
    kind: 'whop',
    args: (port) => [WHOP_BIN, '--port', String(port), '--log-level', 'info'],
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : HEADLINE,
  },
  {
    name: 'Prism, default logging',
    kind: 'prism',
    args: (port) => [PRISM_BIN, 'mock', '-p', String(port), '-h', HOST, PRISM_SPEC],
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : HEADLINE,
  },
  {
    name: 'Prism, -v silent',
    kind: 'prism',
    args: (port) => [PRISM_BIN, 'mock', '-p', String(port), '-h', HOST, '-v', 'silent', PRISM_SPEC],
    // Prism serves one document whatever Api-Version-Date says, so "no version header" only
    // repeats its GET; it runs with BENCH_ALL=1.
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : ['get', 'list', 'patch'],
  },
  {
    name: 'Express 5 constant',
    kind: 'express',
    args: () => ['-e', EXPRESS_APP],
    env: (port) => ({ PORT: String(port) }),
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : HEADLINE,
  },
  {
    name: 'node:http constant',
    kind: 'express',
    args: () => ['-e', NODE_HTTP_APP],
    env: (port) => ({ PORT: String(port) }),
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : HEADLINE,
  },
  {
    // Scale: the list handler walks and sorts every user per request (see docs/performance.md).
    name: `whop-mock, --generate-users ${SCALE_USERS}`,
    kind: 'whop',
    startRuns: 1,
    // Each request takes milliseconds here: fewer connections and a shorter run keep queueing
    // from turning into client timeouts; the figure that matters is CPU per request.
    connections: 10,
    seconds: Math.min(SECONDS, 5),
    args: (port) => [WHOP_BIN, '--port', String(port), '--log-level', 'silent', '--generate-users', String(SCALE_USERS)],
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : ['list'],
  },
];

// ---------------------------------------------------------------------------------------------

function positive(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) fail(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
function rssMb(pid) {
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
function cpuSnapshot(pid) {
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
function cpuShare(before, after) {
  if (!before || !after) return null;
  const wall = after.at - before.at;
  const server = (100 * (after.server - before.server)) / wall;
  const generator = (100 * (after.generator - before.generator)) / wall;
  const others = Math.max(0, (100 * (after.machineBusy - before.machineBusy)) / wall - server - generator);
  return { server, generator, others };
}

function request(port, { method = 'GET', path = '/', headers = {}, body } = {}) {
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
async function start(server, { extraNodeArgs = [], env = {} } = {}) {
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

async function stop(handle) {
  if (handle.exited) return;
  handle.child.kill('SIGTERM');
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), 5000);
  await handle.exitedPromise;
  clearTimeout(timer);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function load(port, scenario, seconds, connections = CONNECTIONS) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://${HOST}:${port}${scenario.path}`,
        method: scenario.method,
        headers: scenario.headers,
        body: scenario.body,
        connections,
        duration: seconds,
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // Never let a run outlive its budget, whatever happens to the server.
    setTimeout(() => instance.stop(), (seconds + 15) * 1000).unref();
  });
}

// ---------------------------------------------------------------------------------------------

function ensurePrism() {
  if (SKIP_PRISM) return 'skipped (BENCH_SKIP_PRISM=1)';
  if (existsSync(PRISM_BIN)) return null;
  log('Installing @stoplight/prism-cli@5 into .bench/ (not saved to package.json) ...');
  try {
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', PRISM_DIR, '@stoplight/prism-cli@5'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    });
  } catch (error) {
    return `install failed: ${error.message.split('\n')[0]}`;
  }
  return existsSync(PRISM_BIN) ? null : 'install finished but the prism-cli entry point is missing';
}

function machine() {
  const cpus = os.cpus();
  return {
    nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
    cpu: cpus[0]?.model ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    memGb: (os.totalmem() / 2 ** 30).toFixed(1),
    prism: existsSync(PRISM_BIN) ? JSON.parse(readFileSync(join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', 'package.json'), 'utf8')).version : null,
    express: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'express', 'package.json'), 'utf8')).version,
    autocannon: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'autocannon', 'package.json'), 'utf8')).version,
    whopMock: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    loadavg: os.loadavg().map((value) => value.toFixed(2)).join(' '),
  };
}

async function benchServer(server) {
  log(`\n== ${server.name}`);
  const starts = [];
  const firstLines = [];
  let handle;
  for (let run = 0; run < (server.startRuns ?? START_RUNS); run += 1) {
    if (handle) await stop(handle);
    handle = await start(server);
    starts.push(handle.startMs);
    if (handle.firstLineMs !== null) firstLines.push(handle.firstLineMs);
  }
  await sleep(1000);
  const idleRss = rssMb(handle.child.pid);
  log(`   start ${starts.map((ms) => ms.toFixed(0)).join(' / ')} ms (median ${median(starts).toFixed(0)}), idle RSS ${idleRss?.toFixed(1)} MB`);
  const rows = [];
  try {
    for (const id of server.scenarios) {
      const scenario = SCENARIOS.find((s) => s.id === id);
      const probe = await request(handle.port, scenario);
      const probeOk = probe.status >= 200 && probe.status < 300;
      if (server.kind === 'whop' && !probeOk) {
        throw new Error(`whop-mock answered ${probe.status} to the valid request "${scenario.label}": ${probe.body.slice(0, 300)}`);
      }
      const connections = server.connections ?? CONNECTIONS;
      await load(handle.port, scenario, WARMUP, connections);
      const cpuBefore = cpuSnapshot(handle.child.pid);
      const result = await load(handle.port, scenario, server.seconds ?? SECONDS, connections);
      const cpu = cpuShare(cpuBefore, cpuSnapshot(handle.child.pid));
      const row = {
        server: server.name,
        kind: server.kind,
        scenario: scenario.label,
        scenarioId: id,
        rps: result.requests.average,
        total: result.requests.total,
        p50: result.latency.p50,
        p99: result.latency.p99,
        connections,
        non2xx: result.non2xx,
        // autocannon counts timeouts among errors as well as on their own.
        errors: Math.max(0, result.errors - result.timeouts),
        timeouts: result.timeouts,
        statusCodes: Object.keys(result.statusCodeStats ?? {}).join(','),
        probe: probe.status,
        rssAfter: rssMb(handle.child.pid),
        cpu,
        cpuPerRequest: cpu ? (cpu.server * 10_000) / result.requests.average : null,
      };
      rows.push(row);
      log(
        `   ${scenario.label.padEnd(36)} ${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  non-2xx ${row.non2xx}  errors ${row.errors}  timeouts ${row.timeouts}  statuses ${row.statusCodes}  RSS ${row.rssAfter?.toFixed(1)} MB  CPU ${cpuText(row.cpu)}  ${fmt(row.cpuPerRequest)} µs/request`,
      );
      // Slow is reported, not fatal (timeouts are in the table); a wrong answer or a broken
      // connection to a valid request is fatal.
      if (server.kind === 'whop' && (row.non2xx > 0 || row.errors > 0)) {
        throw new Error(`whop-mock answered ${row.non2xx} non-2xx (statuses ${row.statusCodes}) and had ${row.errors} connection errors on the valid request "${scenario.label}"`);
      }
    }
  } finally {
    await stop(handle);
  }
  return { server: server.name, kind: server.kind, startMs: median(starts), starts, firstLineMs: firstLines.length ? median(firstLines) : null, idleRss, rows };
}

/**
 * Per-session cost. A fresh whop-mock, started with --expose-gc and a preload that on SIGUSR2
 * collects garbage and reports process.memoryUsage() on stderr (nothing on the request path
 * changes). Baseline: 1,000 requests in the default session, so JIT and allocator warm-up are
 * not charged to sessions. Then 1,000 requests each naming a new X-Mock-Session, then one PATCH
 * in each of those sessions (the first write copies the user record into the session).
 */
async function benchSessions() {
  log(`\n== whop-mock, ${SESSIONS} sessions`);
  const preload = `data:text/javascript,${encodeURIComponent(
    "process.on('SIGUSR2', () => { globalThis.gc(); globalThis.gc(); process.stderr.write('BENCH_MEM ' + JSON.stringify(process.memoryUsage()) + '\\n'); });",
  )}`;
  const server = {
    name: 'whop-mock (sessions)',
    args: (port) => [WHOP_BIN, '--port', String(port), '--log-level', 'silent', '--max-sessions', String(SESSIONS)],
  };
  const handle = await start(server, { extraNodeArgs: ['--expose-gc', `--import=${preload}`] });
  const snapshot = async () => {
    await sleep(200);
    const reported = new Promise((resolve) => handle.memListeners.push(resolve));
    handle.child.kill('SIGUSR2');
    const mem = await Promise.race([reported, sleep(5000).then(() => null)]);
    await sleep(200);
    return { rss: rssMb(handle.child.pid), heapUsed: mem ? mem.heapUsed / 2 ** 20 : null, external: mem ? (mem.external + mem.arrayBuffers) / 2 ** 20 : null };
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  const send = async (count, make) => {
    let next = 0;
    let bad = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const { method = 'GET', path, headers, body } = make(i);
        const status = await new Promise((resolve, reject) => {
          const req = http.request({ host: HOST, port: handle.port, method, path, headers, agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          });
          req.on('error', reject);
          req.end(body);
        });
        if (status < 200 || status >= 300) bad += 1;
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    if (bad > 0) throw new Error(`whop-mock answered ${bad} of ${count} valid session requests with non-2xx`);
  };
  const session = (i) => `bench-${String(i).padStart(4, '0')}`;
  try {
    await sleep(1000);
    const idle = await snapshot();
    await send(SESSIONS, () => ({ path: '/users/user_alex123', headers: { ...AUTH, ...LATEST } }));
    const base = await snapshot();
    await send(SESSIONS, (i) => ({ path: '/users/user_alex123', headers: { ...AUTH, ...LATEST, 'x-mock-session': session(i) } }));
    const read = await snapshot();
    await send(SESSIONS, (i) => ({ method: 'PATCH', path: '/users/me', headers: { ...AUTH, ...LATEST, 'content-type': 'application/json', 'x-mock-session': session(i) }, body: `{"bio":"bench ${i}"}` }));
    const written = await snapshot();
    // Did the sessions really stay separate? Session 0 must show its own PATCH, the default must not.
    const own = JSON.parse((await request(handle.port, { path: '/users/me', headers: { ...AUTH, ...LATEST, 'x-mock-session': session(0) } })).body);
    const shared = JSON.parse((await request(handle.port, { path: '/users/me', headers: { ...AUTH, ...LATEST } })).body);
    const isolated = own.bio === 'bench 0' && shared.bio !== 'bench 0';
    // The request journal keeps each session's last entries (request headers, body, response
    // body) in memory: what one entry costs, for a single-user GET and a 10-user list. Each of
    // these two sessions evicts the least recently used bench session (max-sessions), which is
    // one session's worth of noise against JOURNAL_FILL entries.
    await send(JOURNAL_FILL, () => ({ path: '/users/user_alex123', headers: { ...AUTH, ...LATEST, 'x-mock-session': 'bench-journal-get' } }));
    const journalGet = await snapshot();
    await send(JOURNAL_FILL, () => ({ path: '/users?first=10', headers: { ...AUTH, ...LATEST, 'x-mock-session': 'bench-journal-list' } }));
    const journalList = await snapshot();
    return { idle, base, read, written, isolated, journalGet, journalList };
  } finally {
    agent.destroy();
    await stop(handle);
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const cpuText = (cpu) => (cpu ? `${fmt(cpu.server)}% / ${fmt(cpu.generator)}% / ${fmt(cpu.others)}%` : 'n/a');
const fmt = (value, digits = 0) => (value === null || value === undefined ? 'n/a' : Number(value).toFixed(digits));

function table(results, facts, sessions, prismNote) {
  const lines = [];
  lines.push(`### Machine`);
  lines.push('');
  lines.push(`- ${facts.nproc} CPU cores (${facts.cpu}), ${facts.memGb} GB RAM, ${facts.os}`);
  lines.push(`- Node ${facts.node}; whop-mock ${facts.whopMock}, Prism CLI ${facts.prism ?? `not run (${prismNote})`}, Express ${facts.express}, autocannon ${facts.autocannon}`);
  lines.push(
    `- Load: autocannon in the bench process, ${CONNECTIONS} connections, ${WARMUP} s warm-up then ${SECONDS} s measured per scenario, 127.0.0.1 only, one server at a time.`,
  );
  lines.push(
    `- Caveat: the load generator (one Node thread) and the server under test share these ${facts.nproc} cores, so every figure is lower than the server alone could do, and the cheaper a server is per request the more the generator holds it back: a row whose load-gen CPU nears 100% measures autocannon more than the server (typically the node:http reference).`,
  );
  lines.push(
    `- CPU column: percent of one core used during the measured seconds by the server process, by the bench process (autocannon), and by everything else on the machine (anything above a few percent means other work competed and the row is pessimistic). Server CPU per request (server CPU time / requests served) is the figure least disturbed by competing work. Load average at the start of the run: ${facts.loadavg}.`,
  );
  lines.push('');
  lines.push('### Start and memory');
  lines.push('');
  lines.push('| Server | Start (spawn -> port answers; median) | Cold starts | Idle RSS (1 s after start) |');
  lines.push('|---|---:|---|---:|');
  for (const r of results) lines.push(`| ${r.server} | ${fmt(r.startMs)} ms | ${r.starts.map((ms) => fmt(ms)).join(', ')} ms | ${fmt(r.idleRss, 1)} MB |`);
  lines.push('');
  lines.push('### Throughput and latency');
  lines.push('');
  lines.push('| Server | Scenario | Requests/s (avg) | p50 | p99 | non-2xx | errors / timeouts | RSS after | CPU server / load gen / others | Server CPU per request |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    for (const row of r.rows) {
      const note = row.connections === CONNECTIONS ? '' : ` (${row.connections} connections)`;
      lines.push(
        `| ${row.server} | ${row.scenario}${note} | ${fmt(row.rps)} | ${fmt(row.p50)} ms | ${fmt(row.p99)} ms | ${row.non2xx}${row.non2xx ? ` (${row.statusCodes})` : ''} | ${row.errors} / ${row.timeouts} | ${fmt(row.rssAfter, 1)} MB | ${cpuText(row.cpu)} | ${fmt(row.cpuPerRequest)} µs |`,
      );
    }
  }
  const whop = results.find((r) => r.server === 'whop-mock');
  const headline = (name) => results.find((r) => r.server === name)?.rows.find((row) => row.scenarioId === 'get');
  const ours = whop?.rows.find((row) => row.scenarioId === 'get');
  if (ours) {
    lines.push('');
    lines.push('### Headline (valid GET /users/{id}, latest version)');
    lines.push('');
    for (const name of ['whop-mock, access log on', 'Prism, default logging', 'Prism, -v silent', 'Express 5 constant', 'node:http constant']) {
      const peer = headline(name);
      if (!peer) continue;
      const cpu = ours.cpuPerRequest && peer.cpuPerRequest ? `; server CPU per request ${fmt(ours.cpuPerRequest)} vs ${fmt(peer.cpuPerRequest)} µs` : '';
      lines.push(`- whop-mock ${fmt(ours.rps)} req/s vs ${name} ${fmt(peer.rps)} req/s: ${fmt(ours.rps / peer.rps, 2)}x${cpu}`);
    }
  }
  if (sessions) {
    const per = (from, to, key) => (from[key] === null || to[key] === null ? 'n/a' : `${(((to[key] - from[key]) * 1024) / SESSIONS).toFixed(1)} KB`);
    lines.push('');
    lines.push(`### Sessions (${SESSIONS} distinct X-Mock-Session values, fresh whop-mock with --expose-gc, after a forced GC)`);
    lines.push('');
    lines.push('| After | RSS | V8 heap used | per session (heap) | per session (RSS) |');
    lines.push('|---|---:|---:|---:|---:|');
    lines.push(`| start (idle) | ${fmt(sessions.idle.rss, 1)} MB | ${fmt(sessions.idle.heapUsed, 1)} MB | | |`);
    lines.push(`| ${SESSIONS} GETs, default session (baseline) | ${fmt(sessions.base.rss, 1)} MB | ${fmt(sessions.base.heapUsed, 1)} MB | | |`);
    lines.push(
      `| + ${SESSIONS} GETs, one new session each | ${fmt(sessions.read.rss, 1)} MB | ${fmt(sessions.read.heapUsed, 1)} MB | ${per(sessions.base, sessions.read, 'heapUsed')} | ${per(sessions.base, sessions.read, 'rss')} |`,
    );
    lines.push(
      `| + one PATCH in each of those sessions | ${fmt(sessions.written.rss, 1)} MB | ${fmt(sessions.written.heapUsed, 1)} MB | ${per(sessions.base, sessions.written, 'heapUsed')} | ${per(sessions.base, sessions.written, 'rss')} |`,
    );
    const entry = (from, to) => (from.heapUsed === null || to.heapUsed === null ? null : ((to.heapUsed - from.heapUsed) * 1024) / JOURNAL_FILL);
    const getEntry = entry(sessions.written, sessions.journalGet);
    const listEntry = entry(sessions.journalGet, sessions.journalList);
    lines.push(`| + ${JOURNAL_FILL} GET /users/{id} in one session (journal) | ${fmt(sessions.journalGet.rss, 1)} MB | ${fmt(sessions.journalGet.heapUsed, 1)} MB | ${fmt(getEntry, 2)} KB per journal entry | |`);
    lines.push(`| + ${JOURNAL_FILL} GET /users?first=10 in another (journal) | ${fmt(sessions.journalList.rss, 1)} MB | ${fmt(sessions.journalList.heapUsed, 1)} MB | ${fmt(listEntry, 2)} KB per journal entry | |`);
    lines.push('');
    lines.push(`Sessions isolated (session 0 sees its own PATCH, the default session does not): ${sessions.isolated ? 'yes' : 'NO'}`);
    if (getEntry !== null && listEntry !== null) {
      lines.push('');
      lines.push(
        `Worst case if every one of ${SESSIONS} sessions fills a 500-entry journal: about ${fmt((SESSIONS * 500 * getEntry) / 2 ** 20, 1)} GB of heap with single-user GETs, ${fmt((SESSIONS * 500 * listEntry) / 2 ** 20, 1)} GB with 10-user lists.`,
      );
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// --profile: where whop-mock's time goes on the headline GET.

async function profile() {
  const dir = join(PRISM_DIR, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = SERVERS[0];
  const scenario = SCENARIOS.find((s) => s.id === (process.env.BENCH_PROFILE_SCENARIO ?? 'get'));
  if (!scenario) fail(`unknown BENCH_PROFILE_SCENARIO; one of ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const handle = await start(server, { extraNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let result;
  // V8 stamps samples with the monotonic clock process.hrtime reads (microseconds); only samples
  // taken during the measured run count, so start-up and warm-up are left out.
  let window;
  try {
    await load(handle.port, scenario, WARMUP);
    const from = Number(process.hrtime.bigint() / 1000n);
    result = await load(handle.port, scenario, SECONDS);
    window = { from, to: Number(process.hrtime.bigint() / 1000n) };
  } finally {
    await stop(handle); // SIGTERM -> the CLI exits -> V8 writes the profile
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) fail(`no .cpuprofile written in ${dir}`);
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(prof.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of prof.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const whereOf = (node) => {
    const { url, lineNumber } = node.callFrame;
    if (!url) return '';
    return `${url.replace(`file://${WHOP_ROOT}/`, '').replace(`file://${ROOT}/`, '').replace(/^.*node_modules\//, 'node_modules/')}:${lineNumber + 1}`;
  };
  const key = (node) => {
    const where = whereOf(node);
    return `${node.callFrame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
  };
  const self = new Map();
  const inclusive = new Map();
  const buckets = new Map();
  let total = 0;
  let idle = 0;
  let at = prof.startTime;
  for (let i = 0; i < prof.samples.length; i += 1) {
    at += prof.timeDeltas[i] ?? 0;
    if (at < window.from || at > window.to) continue;
    const dt = (prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(prof.samples[i]);
    if (!node) continue;
    total += dt;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    const k = key(node);
    self.set(k, (self.get(k) ?? 0) + dt);
    const bucket = origin(node.callFrame.functionName, whereOf(node));
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const kk = key(byId.get(id));
      if (seen.has(kk)) continue;
      seen.add(kk);
      inclusive.set(kk, (inclusive.get(kk) ?? 0) + dt);
    }
  }
  if (total === 0) fail(`no samples between ${window.from} and ${window.to} (profile ${prof.startTime}..${prof.endTime}): clocks differ?`);
  const busy = total - idle;
  const requests = result.requests.total;
  const pct = (ms) => `${((100 * ms) / busy).toFixed(1)}%`;
  const perRequest = (ms) => `${((ms * 1000) / requests).toFixed(1)} µs`;
  const out = [];
  out.push(`Profile: whop-mock, "${scenario.label}", ${CONNECTIONS} connections, ${SECONDS} s measured after ${WARMUP} s warm-up (start-up and warm-up samples excluded).`);
  out.push(`${fmt(result.requests.average)} req/s under the profiler, ${requests} requests; ${fmt(busy)} ms busy + ${fmt(idle)} ms idle in the server's main thread, ${perRequest(busy)} busy per request.`);
  out.push(`File: ${join(dir, file)} (open in Chrome DevTools > Performance, or speedscope).`);
  out.push('');
  out.push('Top self time:');
  out.push('');
  out.push('| Self | per request | Function |');
  out.push('|---:|---:|---|');
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) out.push(`| ${pct(ms)} | ${perRequest(ms)} | \`${k}\` |`);
  out.push('');
  out.push('Inclusive time of whop-mock functions (dist/):');
  out.push('');
  out.push('| Inclusive | per request | Function |');
  out.push('|---:|---:|---|');
  const stages = [...inclusive].filter(([k]) => / dist\//.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, ms] of stages) out.push(`| ${pct(ms)} | ${perRequest(ms)} | \`${k}\` |`);
  out.push('');
  out.push('Self time by origin:');
  out.push('');
  for (const [bucket, ms] of [...buckets].sort((a, b) => b[1] - a[1])) out.push(`- ${pct(ms)} (${perRequest(ms)}/request) ${bucket}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

const EXPRESS_STACK = /^node_modules\/(express|router|body-parser|finalhandler|send|serve-static|path-to-regexp|on-finished|parseurl|qs|content-type|mime-types|type-is|accepts|statuses|depd|merge-descriptors|vary|encodeurl|escape-html|etag|fresh|range-parser|proxy-addr|forwarded|cookie|cookie-signature|content-disposition|http-errors|setprototypeof|debug|ms|safe-buffer|iconv-lite|raw-body|bytes|unpipe|ee-first)\//;

function origin(name, where) {
  if (name === '(garbage collector)') return 'garbage collector';
  if (name === '(program)') return '(program): V8/native work not attributed to a JS function';
  if (where === '' && /^validate\d+$/.test(name)) return 'Ajv-compiled validators (generated code)';
  if (where === '' && /^[a-zA-Z_$][\w$]*$/.test(name)) return 'native and V8 builtins (writev = the socket write syscall)';
  if (where === '') return 'regular expressions';
  if (where.startsWith('dist/')) return 'whop-mock (dist/)';
  if (EXPRESS_STACK.test(where)) return 'Express 5 and its dependencies';
  if (where.startsWith('node_modules/ajv')) return 'Ajv runtime helpers';
  if (where.startsWith('node:')) return 'Node core (http, net, streams, events)';
  return `other (${where.split(':')[0]})`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(WHOP_BIN)) fail('dist/cli.js is missing: run `npm run build` first (npm run bench does)');
  if (PROFILE) return profile();
  const began = performance.now();
  const prismNote = ensurePrism();
  if (prismNote) log(`Prism: ${prismNote}; the peer will not be measured.`);
  const facts = machine();
  log(
    `whop-mock bench: ${facts.nproc} cores shared by the load generator and the server under test; node ${facts.node}; ${CONNECTIONS} connections, ${WARMUP}+${SECONDS} s per scenario.`,
  );
  const results = [];
  for (const server of SERVERS) {
    if (server.kind === 'prism' && prismNote) continue;
    if (ONLY && !ONLY.has(server.name)) continue;
    try {
      results.push(await benchServer(server));
    } catch (error) {
      if (server.kind === 'whop') fail(error.message);
      log(`   ${server.name} not measured: ${error.message}`);
    }
  }
  let sessions = null;
  if (SESSIONS_ON) {
    try {
      sessions = await benchSessions();
    } catch (error) {
      fail(`sessions: ${error.message}`);
    }
  }
  process.stdout.write(`\n${table(results, facts, sessions, prismNote)}\n\nTotal bench time ${fmt((performance.now() - began) / 1000)} s.\n`);
}

main().catch((error) => fail(error.stack ?? String(error)));
