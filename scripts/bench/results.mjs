// Everything a run measured, every round's sample kept, and the JSON file it is saved as
// (.bench/results-<date and time>.json, ignored by git) so a report can be checked or redrawn.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './config.mjs';
import { scenario } from './scenarios.mjs';
import { summarise } from './stats.mjs';

export function createResults(meta) {
  const cells = new Map();
  const starts = new Map();
  return {
    meta,
    spawn: [],
    sessions: null,
    fetchEdge: null,
    failure: null,
    cells,
    starts,
    cell(server, group) {
      const key = `${server.id}|${group.key}`;
      if (!cells.has(key)) {
        const label = scenario(group.scenarioId).label;
        cells.set(key, { serverId: server.id, server: server.name, kind: server.kind, users: server.users ?? null, scenarioId: group.scenarioId, label, connections: group.connections, samples: [] });
      }
      return cells.get(key);
    },
    roundStarts(server) {
      if (!starts.has(server.id)) starts.set(server.id, { serverId: server.id, server: server.name, users: server.users ?? null, samples: [] });
      return starts.get(server.id).samples;
    },
  };
}

/** The cell of a server on a scenario at some connections, with its summaries, or null. */
export function findCell(results, serverId, scenarioId, connections) {
  const cell = results.cells.get(`${serverId}|${scenarioId}@${connections}`);
  return cell ? withSummary(cell) : null;
}

export function withSummary(cell) {
  const ok = cell.samples.filter((sample) => !sample.error && !sample.skipped);
  const pick = (key) => summarise(ok.map((sample) => sample[key]));
  return {
    ...cell,
    measured: ok.length,
    skipped: cell.samples.find((sample) => sample.skipped)?.skipped ?? null,
    failed: cell.samples.find((sample) => sample.error)?.error ?? null,
    rps: pick('rps'),
    p50: pick('p50'),
    p99: pick('p99'),
    cpuUs: pick('cpuUsPerRequest'),
    rssAfter: pick('rssAfter'),
    generator: summarise(ok.map((sample) => sample.cpu?.generator)),
    others: summarise(ok.map((sample) => sample.cpu?.others)),
    non2xx: ok.reduce((sum, sample) => sum + sample.non2xx, 0),
    timeouts: ok.reduce((sum, sample) => sum + sample.timeouts, 0),
    errors: ok.reduce((sum, sample) => sum + (sample.errors ?? 0), 0),
    empty: ok.filter((sample) => sample.completed === 0).length,
    statuses: [...new Set(ok.flatMap((sample) => (sample.statuses ? sample.statuses.split(',') : [])))].join(','),
  };
}

/** A saved results file, in the shape createResults builds (for --report). */
export function readResults(file) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const { failure, spawn, roundStarts, cells, sessions, fetchEdge = null, ...meta } = json;
  const strip = ({ startMs, idleRssMb, rssMb, ...rest }) => rest;
  return {
    meta,
    failure,
    sessions,
    fetchEdge,
    spawn: spawn.map(strip),
    starts: new Map(roundStarts.map((entry) => [entry.serverId, strip(entry)])),
    cells: new Map(cells.map(({ serverId, server, kind, users, scenarioId, label, connections, samples }) => [`${serverId}|${scenarioId}@${connections}`, { serverId, server, kind, users, scenarioId, label, connections, samples }])),
  };
}

export function writeResults(results) {
  mkdirSync(BENCH_DIR, { recursive: true });
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  const file = join(BENCH_DIR, `results-${stamp}.json`);
  const json = {
    ...results.meta,
    failure: results.failure,
    spawn: results.spawn.map((server) => ({ ...server, startMs: summarise(server.samples.map((s) => s.startMs)), idleRssMb: summarise(server.samples.map((s) => s.idleRssMb)) })),
    roundStarts: [...results.starts.values()].map((entry) => ({ ...entry, startMs: summarise(entry.samples.map((s) => s.startMs)), rssMb: summarise(entry.samples.map((s) => s.rssMb)) })),
    cells: [...results.cells.values()].map(withSummary),
    sessions: results.sessions,
    fetchEdge: results.fetchEdge,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return file;
}
