// The markdown printed on stdout: machine, start and memory, throughput and latency, the
// headline ratios and the sessions table.

import { CONNECTIONS, JOURNAL_FILL, SECONDS, SESSIONS, WARMUP } from './config.mjs';
import { cpuText, fmt } from './format.mjs';

export function report(results, facts, sessions, prismNote) {
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
