// --profile: where whop-mock's time goes on the headline GET. The server runs under --cpu-prof;
// the summary counts only samples taken during the measured run.

import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, CONNECTIONS, ROOT, SECONDS, WARMUP, WHOP_ROOT } from './config.mjs';
import { fmt } from './format.mjs';
import { load } from './load.mjs';
import { fail } from './log.mjs';
import { start, stop } from './processes.mjs';
import { redisUnavailable, startRedis, stopRedis } from './redis.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { SERVERS } from './servers.mjs';

export async function profile(pinning) {
  const dir = join(BENCH_DIR, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // BENCH_PROFILE_SERVER=whop-log profiles the default configuration (access log on); whop-redis
  // the Redis store (the bench starts its redis-server); node-http and express the references,
  // to set whop-mock's profile beside what any Node server pays per request.
  const serverId = process.env.BENCH_PROFILE_SERVER ?? SERVERS[0].id;
  const profilable = (s) => (s.kind === 'whop' || s.kind === 'reference') && s.users === undefined;
  const server = SERVERS.find((s) => s.id === serverId && profilable(s));
  if (!server) fail(`unknown BENCH_PROFILE_SERVER; one of ${SERVERS.filter(profilable).map((s) => s.id).join(', ')}`);
  if (server.needsRedis) {
    const missing = redisUnavailable();
    if (missing) fail(`cannot profile ${server.id}: ${missing}`);
    await startRedis(pinning);
  }
  // A profiled server warms up more slowly; never less than 2 s before the measured window.
  const warmup = Math.max(WARMUP, 2);
  const scenario = SCENARIOS.find((s) => s.id === (process.env.BENCH_PROFILE_SCENARIO ?? 'get'));
  if (!scenario) fail(`unknown BENCH_PROFILE_SCENARIO; one of ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const handle = await start(server, { pinning, extraNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let result;
  // V8 stamps samples with the monotonic clock process.hrtime reads (microseconds); only samples
  // taken during the measured run count, so start-up and warm-up are left out.
  let window;
  try {
    await load(handle.port, scenario, warmup, CONNECTIONS);
    const from = Number(process.hrtime.bigint() / 1000n);
    result = await load(handle.port, scenario, SECONDS, CONNECTIONS);
    window = { from, to: Number(process.hrtime.bigint() / 1000n) };
  } finally {
    await stop(handle); // SIGTERM -> the CLI exits -> V8 writes the profile
    if (server.needsRedis) stopRedis();
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
  out.push(`Profile: ${server.name}, "${scenario.label}", ${CONNECTIONS} connections, ${SECONDS} s measured after ${warmup} s warm-up (start-up and warm-up samples excluded).`);
  out.push(`${fmt(requests / result.duration)} req/s under the profiler, ${requests} requests; ${fmt(busy)} ms busy + ${fmt(idle)} ms idle in the server's main thread, ${perRequest(busy)} busy per request.`);
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
