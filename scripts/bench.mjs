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

// This file only wires scripts/bench/: config (the knobs above), scenarios and servers (what is
// measured), prism (the peer's install), processes and load (child servers, /proc readings,
// autocannon), bench-server and bench-sessions (the measurements), machine, report and format
// (the markdown on stdout), profile (--profile) and log (stderr).

import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { benchServer } from './bench/bench-server.mjs';
import { benchSessions } from './bench/bench-sessions.mjs';
import { CONNECTIONS, ONLY, PROFILE, SECONDS, SESSIONS_ON, WARMUP, WHOP_BIN } from './bench/config.mjs';
import { fmt } from './bench/format.mjs';
import { fail, log } from './bench/log.mjs';
import { machine } from './bench/machine.mjs';
import { ensurePrism } from './bench/prism.mjs';
import { profile } from './bench/profile.mjs';
import { report } from './bench/report.mjs';
import { SERVERS } from './bench/servers.mjs';

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
  process.stdout.write(`\n${report(results, facts, sessions, prismNote)}\n\nTotal bench time ${fmt((performance.now() - began) / 1000)} s.\n`);
}

main().catch((error) => fail(error.stack ?? String(error)));
