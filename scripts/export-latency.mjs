// How much a full GET /__mock/state export holds up everyone else: the latency of API GETs sent
// by concurrent clients while nothing else runs, then while full exports run back to back, on a
// server with --generate-users 100000 (about 90 MB of state). Loopback only; stops by itself.
// Usage: node scripts/export-latency.mjs [--cli dist/bin/whop-mock.js] [--users 100000] [--seconds 20] [--clients 8]
// (--cli may point at another build, to compare before and after in one run.)
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { cli: { type: 'string', multiple: true }, users: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '20' }, clients: { type: 'string', default: '8' } } });
const clis = values.cli ?? ['dist/bin/whop-mock.js'];
const seconds = Number(values.seconds);
const clients = Number(values.clients);

function start(cli) {
  const child = spawn(process.execPath, [cli, '--port', '0', '--log-level', 'silent', '--generate-users', values.users], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /listening on (\S+)/.exec(out);
      if (match) {
        clearInterval(poll);
        resolve({ url: match[1], stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
      }
    }, 20);
    child.once('exit', (code) => reject(new Error(`${cli} exited ${code}`)));
  });
}

function get(url, path, agent, headers = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(`${url}${path}`, { agent, headers }, (res) => {
      let size = 0;
      res.on('data', (chunk) => (size += chunk.length));
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode, size }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `clients` loops of GET /users/me for `ms`; every latency. */
async function load(url, ms) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies = [];
  const until = performance.now() + ms;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) latencies.push((await get(url, '/users/me', agent, { authorization: 'Bearer tok_user_alex_full' })).ms);
  }));
  agent.destroy();
  return latencies;
}

const pct = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((list.length * p) / 100))] ?? Number.NaN;
const summary = (list) => `n=${list.length} median ${pct(list, 50).toFixed(2)} ms, p99 ${pct(list, 99).toFixed(2)} ms, max ${list.reduce((a, b) => Math.max(a, b), 0).toFixed(1)} ms`;

console.log(`export-latency: ${new Date().toISOString()}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${values.users} generated users, ${clients} clients, ${seconds} s per phase`);
for (const cli of clis) {
  const server = await start(cli);
  await load(server.url, 2000); // warm-up
  const idle = await load(server.url, seconds * 1000);
  let running = true;
  const exports = [];
  const exporter = (async () => {
    const agent = new Agent({ keepAlive: true });
    while (running) exports.push(await get(server.url, '/__mock/state', agent));
    agent.destroy();
  })();
  const during = await load(server.url, seconds * 1000);
  running = false;
  await exporter;
  await server.stop();
  const sizes = exports.map((e) => e.size);
  console.log(`${cli}:`);
  console.log(`  GET /users/me, nothing else running:       ${summary(idle)}`);
  console.log(`  GET /users/me, full exports back to back:  ${summary(during)}`);
  console.log(`  GET /__mock/state: ${exports.length} exports of ${(sizes.reduce((a, b) => Math.max(a, b), 0) / 2 ** 20).toFixed(1)} MiB, median ${pct(exports.map((e) => e.ms), 50).toFixed(0)} ms each (statuses ${[...new Set(exports.map((e) => e.status))].join(',')})`);
}
