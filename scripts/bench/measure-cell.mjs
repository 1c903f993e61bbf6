// One cell on a running server: a probe, a warm-up (thrown away) and a measured window with the
// server's CPU time read from /proc before and after it.

import { SECONDS, WARMUP } from './config.mjs';
import { load } from './load.mjs';
import { cpuDelta, cpuSnapshot, rssMb } from './proc-stats.mjs';
import { request } from './processes.mjs';

/** A result the figures cannot stand on: the run stops with exit code 1. */
export class WrongAnswer extends Error {}

export async function measureCell(handle, server, scenario, connections, round) {
  const probe = await request(handle.port, scenario).catch((error) => ({ status: 0, body: error.message }));
  const probeOk = probe.status >= 200 && probe.status < 300;
  if (server.kind === 'whop' && !probeOk) {
    if (scenario.optional) return { round, skipped: `whop-mock answered ${probe.status}: ${probe.body.slice(0, 200)}` };
    throw new WrongAnswer(`${server.name} answered ${probe.status} to the valid request "${scenario.label}": ${probe.body.slice(0, 300)}`);
  }
  if (WARMUP > 0) await load(handle.port, scenario, WARMUP, connections);
  const before = cpuSnapshot(handle.pid);
  const result = await load(handle.port, scenario, SECONDS, connections);
  const cpu = cpuDelta(before, cpuSnapshot(handle.pid));
  const completed = result.requests.total;
  // autocannon counts timeouts among its errors as well as on their own.
  const errors = Math.max(0, result.errors - result.timeouts);
  const sample = {
    round,
    rps: completed / result.duration,
    completed,
    seconds: result.duration,
    p50: result.latencyMs.p50,
    p99: result.latencyMs.p99,
    max: result.latencyMs.max,
    non2xx: result.non2xx,
    errors,
    timeouts: result.timeouts,
    statuses: Object.keys(result.statusCodeStats ?? {}).join(','),
    probe: probe.status,
    cpu,
    cpuUsPerRequest: cpu && completed > 0 ? (cpu.serverMs * 1000) / completed : null,
    rssAfter: rssMb(handle.pid),
  };
  // Slow is reported (timeouts are in the table); a wrong answer or a broken connection to a
  // valid request means the figures are wrong.
  if (server.kind === 'whop' && (sample.non2xx > 0 || sample.errors > 0)) {
    throw new WrongAnswer(
      `${server.name} answered ${sample.non2xx} non-2xx (statuses ${sample.statuses}) and had ${sample.errors} connection errors on the valid request "${scenario.label}" at ${connections} connections`,
    );
  }
  return sample;
}
