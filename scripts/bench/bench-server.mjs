// One server's measurements: cold starts, idle RSS, then per scenario a probe, a warm-up and a
// measured load run with CPU and RSS readings.

import { CONNECTIONS, SECONDS, START_RUNS, WARMUP } from './config.mjs';
import { cpuText, fmt } from './format.mjs';
import { load } from './load.mjs';
import { log } from './log.mjs';
import { cpuShare, cpuSnapshot, request, rssMb, sleep, start, stop } from './processes.mjs';
import { SCENARIOS } from './scenarios.mjs';

export async function benchServer(server) {
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
