// The report's start/memory table, the throughput table (one row per server, scenario and
// connections) and the side-by-side figures of the issue's targets, from the same run.

import { fmt, msDigits, range } from './format.mjs';
import { findCell, withSummary } from './results.mjs';
import { SCENARIOS, scenario } from './scenarios.mjs';
import { summarise } from './stats.mjs';

export function spawnTable(results) {
  const lines = ['| Server | Spawn to first answer | Idle RSS (1 s after) |', '|---|---:|---:|'];
  for (const server of results.spawn) {
    const start = summarise(server.samples.map((s) => s.startMs));
    const rss = summarise(server.samples.map((s) => s.idleRssMb));
    lines.push(`| ${server.name} | ${range(start, 0, 'ms')} | ${range(rss, 1, 'MB')} |`);
  }
  return lines.join('\n');
}

export function throughputTable(results) {
  const lines = [
    '| Scenario | Conns | Server | Requests/s | p50 | p99 | Server CPU per request | Load-gen CPU | Notes |',
    '|---|---:|---|---:|---:|---:|---:|---:|---|',
  ];
  const cells = [...results.cells.values()].map(withSummary).filter((cell) => cell.users === null);
  const order = (cell) => [cell.scenarioId, cell.connections];
  for (const cell of cells.sort((a, b) => compare(order(a), order(b)))) {
    const notes = [
      cell.skipped ? `not measured: ${cell.skipped.slice(0, 80)}` : '',
      cell.failed ? `failed: ${cell.failed.slice(0, 80)}` : '',
      cell.non2xx ? `${fmt(cell.non2xx)} non-2xx (${cell.statuses})` : '',
      cell.timeouts ? `${fmt(cell.timeouts)} timeouts` : '',
      cell.errors ? `${fmt(cell.errors)} connection errors` : '',
      // Nothing answered in a whole window: the server (or the whole machine) was stalled.
      cell.empty ? `no request completed in ${cell.empty} of ${cell.measured} windows` : '',
      // Other work took a large share of the machine: the req/s and latency of this row are low.
      cell.others?.median > BUSY_PERCENT ? `busy machine: others used ${fmt(cell.others.median)}% of a core` : '',
    ].filter(Boolean);
    lines.push(
      `| ${cell.label ?? scenario(cell.scenarioId).label} | ${cell.connections} | ${cell.server} | ${range(cell.rps)} | ${range(cell.p50, msDigits(cell.p50), 'ms')} | ${range(cell.p99, msDigits(cell.p99), 'ms')} | ${range(cell.cpuUs, 0, 'µs')} | ${range(cell.generator, 0, '%')} | ${notes.join('; ')} |`,
    );
  }
  return lines.join('\n');
}

/** Percent of one core used by other processes above which a row is marked. */
const BUSY_PERCENT = 25;
const position = (id) => SCENARIOS.findIndex((s) => s.id === id);
function compare([sa, ca], [sb, cb]) {
  return position(sa) - position(sb) || ca - cb;
}

/** Per-round ratio a/b of one figure, for cells measured in the same rounds: median (min–max). */
export function paired(a, b, key) {
  if (!a || !b) return null;
  const value = (sample) => (key === 'cpuUs' ? sample.cpuUsPerRequest : sample[key]);
  const byRound = new Map(b.samples.filter((s) => !s.error && !s.skipped).map((s) => [s.round, value(s)]));
  return summarise(a.samples.filter((s) => !s.error && !s.skipped && byRound.get(s.round) > 0).map((s) => value(s) / byRound.get(s.round)));
}

export function sideBySide(results) {
  const { connections, sweep } = results.meta.config;
  const c = (server, id, conns = connections) => findCell(results, server, id, conns);
  const x = (summary) => (summary ? `${range(summary, 2)}x` : 'n/a');
  const lines = [];
  const get = c('whop', 'get');
  lines.push(`- GET /users/{id}, ${connections} connections: whop-mock ${range(get?.rps)} req/s; ${x(paired(get, c('prism', 'get'), 'rps'))} the req/s of Prism -v silent, ${x(paired(get, c('prism-log', 'get'), 'rps'))} of Prism with its default logging.`);
  lines.push(
    `- Server CPU per request, GET /users/{id}: whop-mock ${range(get?.cpuUs, 0, 'µs')} = ${x(paired(get, c('node-http', 'get'), 'cpuUs'))} node:http constant (target at most 1.3x), ${x(paired(get, c('express', 'get'), 'cpuUs'))} Express 5 constant, ${x(paired(get, c('prism', 'get'), 'cpuUs'))} Prism.`,
  );
  // CPU per request falls as load rises (more requests per event-loop turn), so the ratio to the
  // constant servers is given at each connection count, where both got the same load pattern.
  const byConns = (peer) => sweep.map((n) => `${n}: ${x(paired(c('whop', 'get', n), c(peer, 'get', n), 'cpuUs'))}`).join(', ');
  if (results.fetchEdge) {
    const { batch, fetch, server } = results.fetchEdge;
    const ratios = fetch.map((value, i) => value / server[i]);
    lines.push(`- The two edges in one process, as a test uses them (GET /users/{id}, one request at a time, ${fetch.length} alternated batches of ${fmt(batch)} each, pinned to the server core): \`mock.fetch\` ${range(summarise(fetch), 1, 'µs')} of CPU per request, Node's fetch to \`createMockServer()\` on loopback ${range(summarise(server), 1, 'µs')} (client and server), ${range(summarise(ratios), 2)}x per round.`);
  }
  lines.push(`- The same ratio by connections: to node:http ${byConns('node-http')}; to Express ${byConns('express')}.`);
  for (const id of ['list', 'members', 'patch']) {
    const ours = c('whop', id);
    const target = id === 'patch' ? '' : ' (target: at least 4x)';
    lines.push(`- ${scenario(id).label}: whop-mock ${range(ours?.rps)} req/s = ${x(paired(ours, c('prism', id), 'rps'))} Prism's${target}; p99 ${range(ours?.p99, 1, 'ms')}.`);
  }
  const p99 = (conns) => range(c('whop', 'get', conns)?.p99, 1, 'ms');
  lines.push(`- whop-mock GET p99 by connections: ${sweep.map((n) => `${n}: ${p99(n)}`).join(', ')} (targets: at most 10 ms at 50, 40 ms at 200).`);
  const redis = c('whop-redis', 'get');
  if (redis) {
    lines.push(`- The Redis store (redis-server ${results.meta.redis ?? ''} on loopback, on the load generator's core), ${connections} connections: GET /users/{id} ${range(redis.rps)} req/s = ${x(paired(redis, get, 'rps'))} the memory store's (target: at least 0.5x) and ${x(paired(redis, c('prism', 'get'), 'rps'))} Prism's (target: at least 2x); p99 ${range(redis.p99, 1, 'ms')}; ${range(redis.cpuUs, 0, 'µs')} whop-mock CPU per request against ${range(get?.cpuUs, 0, 'µs')}.`);
    for (const id of ['list', 'members', 'patch']) {
      const ours = c('whop-redis', id);
      lines.push(`- Redis store, ${scenario(id).label}: ${range(ours?.rps)} req/s = ${x(paired(ours, c('whop', id), 'rps'))} the memory store's, ${x(paired(ours, c('prism', id), 'rps'))} Prism's; p99 ${range(ours?.p99, 1, 'ms')} (memory: ${range(c('whop', id)?.p99, 1, 'ms')}).`);
    }
  }
  // BENCH_BASE_CLI: this build against another one, measured in the same rounds.
  for (const id of ['get', 'patch']) {
    const base = c('whop-base', id);
    if (base) lines.push(`- Against the BENCH_BASE_CLI build, ${scenario(id).label}, ${connections} connections: ${range(c('whop', id)?.rps)} req/s against ${range(base.rps)}, ${x(paired(c('whop', id), base, 'rps'))} its req/s; ${range(c('whop', id)?.cpuUs, 0, 'µs')} CPU per request against ${range(base.cpuUs, 0, 'µs')}, ${x(paired(c('whop', id), base, 'cpuUs'))}; p99 ${range(c('whop', id)?.p99, 1, 'ms')} against ${range(base.p99, 1, 'ms')}.`);
  }
  const logged = c('whop-log', 'get');
  const logCost = paired(logged, get, 'rps');
  const fewer = logCost && { ...logCost, median: 100 * (1 - logCost.median), min: 100 * (1 - logCost.max), max: 100 * (1 - logCost.min) };
  lines.push(
    `- Access log (the default --log-level info, to /dev/null): ${range(logged?.rps)} req/s, ${fewer ? `${range(fewer, 0, '%')} fewer` : 'n/a'} than silent (target: at most 10%); ${range(logged?.cpuUs, 0, 'µs')} CPU per request against ${range(get?.cpuUs, 0, 'µs')}, ${x(paired(logged, get, 'cpuUs'))}.`,
  );
  return lines.join('\n');
}
