// Two comparisons inside whop-mock: strict against off response validation, and how the cost
// grows with the number of users in the world (--generate-users).

import { fmt, msDigits, range } from './format.mjs';
import { findCell } from './results.mjs';
import { scenario } from './scenarios.mjs';
import { summarise } from './stats.mjs';

export function validationTable(results) {
  const { connections } = results.meta.config;
  const lines = [
    `| Scenario (${connections} connections) | Strict: req/s | Off: req/s | Strict: CPU per request | Off: CPU per request | Validation cost per request |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const id of ['get', 'list', 'members']) {
    const strict = findCell(results, 'whop', id, connections);
    const off = findCell(results, 'whop-no-validation', id, connections);
    if (!strict || !off) continue;
    // Paired by round: the two ran back to back.
    const offByRound = new Map(off.samples.filter((s) => s.cpuUsPerRequest != null).map((s) => [s.round, s.cpuUsPerRequest]));
    const cost = summarise(strict.samples.filter((s) => offByRound.has(s.round)).map((s) => s.cpuUsPerRequest - offByRound.get(s.round)));
    lines.push(`| ${scenario(id).label} | ${range(strict.rps)} | ${range(off.rps)} | ${range(strict.cpuUs, 0, 'µs')} | ${range(off.cpuUs, 0, 'µs')} | ${range(cost, 1, 'µs')} |`);
  }
  return lines.join('\n');
}

export function scaleTable(results) {
  const { connections, search: query } = results.meta.config;
  const rows = [{ serverId: 'whop', users: null }, ...[...results.starts.values()].filter((entry) => entry.users !== null)];
  const lines = [
    `| Users | Start (spawn to first answer) | RSS after start | GET /users/{id}: req/s | CPU per request | GET /users?query=${query}: p99 | req/s | New session each request: req/s | CPU per request |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const entry = results.starts.get(row.serverId);
    if (!entry) continue;
    const start = summarise(entry.samples.map((s) => s.startMs));
    const rss = summarise(entry.samples.map((s) => s.rssMb));
    const get = findCell(results, row.serverId, 'get', connections);
    const search = findCell(results, row.serverId, 'search', connections);
    const fresh = findCell(results, row.serverId, 'new-session', connections);
    const timeouts = search?.timeouts ? ` (${fmt(search.timeouts)} timeouts)` : '';
    lines.push(
      `| ${row.users === null ? 'fixtures only' : fmt(row.users)} | ${range(start, 0, 'ms')} | ${range(rss, 1, 'MB')} | ${range(get?.rps)} | ${range(get?.cpuUs, 0, 'µs')} | ${range(search?.p99, msDigits(search?.p99), 'ms')}${timeouts} | ${range(search?.rps)} | ${range(fresh?.rps)} | ${range(fresh?.cpuUs, 0, 'µs')} |`,
    );
  }
  return lines.join('\n');
}
