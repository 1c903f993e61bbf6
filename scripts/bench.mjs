#!/usr/bin/env node
// Performance benchmark: whop-mock against its peer (Stoplight Prism, pinned, serving the same
// document) and two references (plain Express 5 and plain node:http returning a constant), all
// in the same run on the same machine, each cell repeated over interleaved rounds, with the
// server and the load generator pinned to different cores where taskset exists. Adds the
// connection sweep, the session-churn case, strict against off response validation, the cost
// against the number of users, spawn-to-first-answer and idle RSS, and memory per session.
// It prints numbers (progress on stderr, a markdown report on stdout, every sample as JSON in
// .bench/); it asserts nothing about speed. The one hard failure is a valid request that
// whop-mock answers with a non-2xx or a connection error during a measurement (exit 1).
//
//   npm run bench                     build, then the full run: about 15 minutes on 2 cores
//   npm run bench -- --quick          a smoke run: about 2 minutes, not figures to quote
//   npm run bench -- --profile        CPU profile of whop-mock under GET load, top functions
//   node scripts/bench.mjs --report .bench/results-<date>.json   the report of a saved run again
//   node scripts/bench.mjs --help     every flag and environment variable
//
// Bounded: every load run ends after a fixed time and a watchdog stops one that overruns; the
// whole run has a budget; every child is killed by PID on exit, Ctrl-C or a crash; 127.0.0.1 only.
// The modules are in scripts/bench/ (see its README).

import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchSessions } from './bench/bench-sessions.mjs';
import * as config from './bench/config.mjs';
import { fmt } from './bench/format.mjs';
import { USAGE } from './bench/help.mjs';
import { fail, log } from './bench/log.mjs';
import { loadAverage, machine } from './bench/machine.mjs';
import { WrongAnswer } from './bench/measure-cell.mjs';
import { applyPinning } from './bench/pinning.mjs';
import { fetchEdgeCpu } from './bench/fetch-edge.mjs';
import { estimateSeconds, plan } from './bench/plan.mjs';
import { ensurePrism } from './bench/prism.mjs';
import { profile } from './bench/profile.mjs';
import { report } from './bench/report.mjs';
import { createResults, readResults, writeResults } from './bench/results.mjs';
import { redisUnavailable, startRedis, stopRedis } from './bench/redis.mjs';
import { runRounds } from './bench/run-rounds.mjs';
import { SERVERS, SPAWN_SERVERS } from './bench/servers.mjs';
import { spawnTimes } from './bench/spawn-times.mjs';
import { watchdog } from './bench/watchdog.mjs';

async function main() {
  if (config.HELP) return void process.stdout.write(USAGE);
  if (config.REPORT_FILE) return void process.stdout.write(`${report(readResults(config.REPORT_FILE), relative(process.cwd(), config.REPORT_FILE))}\n`);
  if (!existsSync(config.WHOP_BIN)) fail(`${config.WHOP_BIN} is missing: run \`npm run build\` first (npm run bench does)`);
  const pinning = applyPinning();
  log(`Pinning ${pinning.applied ? 'applied' : 'NOT applied'}: ${pinning.note}.`);
  if (config.PROFILE) return profile(pinning);
  const began = performance.now();
  const prism = ensurePrism();
  if (prism.note) log(`Prism: ${prism.note}; the peer will not be measured.`);
  const noRedis = redisUnavailable();
  if (noRedis) log(`Redis: ${noRedis}; the Redis store will not be measured.`);
  const wanted = (server) => (server.kind !== 'prism' || !prism.note) && (!server.needsRedis || !noRedis) && (!config.ONLY || config.ONLY.has(server.id));
  const servers = SERVERS.filter(wanted)
    .map((server) => ({ ...server, cells: server.cells.filter(([id]) => !config.SCENARIO_ONLY || config.SCENARIO_ONLY.has(id)) }))
    .filter((server) => server.cells.length > 0);
  const spawnServers = SPAWN_SERVERS.filter(wanted);
  const groups = plan(servers);
  const estimate = estimateSeconds({
    groups,
    servers,
    rounds: config.ROUNDS,
    seconds: config.SECONDS,
    warmup: config.WARMUP,
    settle: config.SETTLE,
    spawns: config.SPAWNS,
    spawnServers: spawnServers.length,
    scaleUsers: servers.filter((s) => s.users).map((s) => s.users),
    sessions: config.SESSIONS_ON,
  });
  const cells = groups.reduce((sum, group) => sum + group.servers.length, 0);
  log(`Plan: ${servers.length} servers, ${groups.length} scenarios, ${cells} cells x ${config.ROUNDS} rounds of ${config.WARMUP} + ${config.SECONDS} s; about ${fmt(estimate / 60, 1)} min.`);

  const results = createResults({
    date: new Date().toISOString().slice(0, 10),
    startedAt: new Date().toISOString(),
    quick: config.QUICK,
    machine: machine(),
    pinning,
    prism,
    loadAverage: { start: loadAverage(), end: null },
    config: { rounds: config.ROUNDS, seconds: config.SECONDS, warmup: config.WARMUP, settle: config.SETTLE, connections: config.CONNECTIONS, sweep: config.SWEEP, spawns: config.SPAWNS, scaleUsers: config.SCALE_USERS, search: config.SEARCH },
    durationS: null,
  });
  const finish = () => {
    results.meta.loadAverage.end = loadAverage();
    results.meta.durationS = (performance.now() - began) / 1000;
    const file = relative(process.cwd(), writeResults(results));
    process.stdout.write(`\n${report(results, file)}\n`);
    log(`\nResults: ${file}`);
  };
  const budget = config.MAX_MINUTES > 0 ? config.MAX_MINUTES * 60 : 2 * estimate + 300;
  watchdog(budget, () => {
    results.failure = `watchdog: the run passed its budget of ${fmt(budget / 60, 1)} min`;
    finish();
  });

  try {
    if (spawnServers.length) results.spawn = await spawnTimes(spawnServers, pinning);
    if (servers.some((server) => server.needsRedis)) results.meta.redis = await startRedis(pinning);
    await runRounds({ servers, groups, pinning, results });
    stopRedis();
    if (servers.some((server) => server.id === 'whop')) {
      log('\n== The fetch edge: GET /users/{id} through mock.fetch in-process');
      results.fetchEdge = await fetchEdgeCpu(pinning);
    }
    if (config.SESSIONS_ON && (!config.ONLY || config.ONLY.has('whop'))) results.sessions = await benchSessions(pinning);
  } catch (error) {
    results.failure = error instanceof WrongAnswer ? error.message : (error.stack ?? String(error));
    finish();
    fail(results.failure);
  }
  finish();
}

main().catch((error) => fail(error.stack ?? String(error)));
