// The measured rounds. Each round starts a fresh copy of every server (one after the other,
// nothing else running), gives each SETTLE seconds of unmeasured load (settle.mjs), then
// measures every group with the servers taking turns (plan.mjs), then stops them all: no state,
// session or warm JIT carries from one round into the next.

import { CONNECTIONS, ROUNDS, SETTLE } from './config.mjs';
import { fmt } from './format.mjs';
import { log } from './log.mjs';
import { WrongAnswer, measureCell } from './measure-cell.mjs';
import { turnOrder } from './plan.mjs';
import { rssMb } from './proc-stats.mjs';
import { sleep, start, stop } from './processes.mjs';
import { scenario } from './scenarios.mjs';
import { settle } from './settle.mjs';

export async function runRounds({ servers, groups, pinning, results }) {
  const total = groups.reduce((sum, group) => sum + group.servers.length, 0);
  for (let round = 0; round < ROUNDS; round += 1) {
    log(`\n== Round ${round + 1} of ${ROUNDS}: starting ${servers.length} servers`);
    const handles = new Map();
    try {
      for (const server of servers) {
        try {
          const handle = await start(server, { pinning, timeoutMs: server.startTimeoutMs });
          handles.set(server.id, handle);
          results.roundStarts(server).push({ round, startMs: handle.startMs });
        } catch (error) {
          if (server.kind === 'whop') throw new WrongAnswer(`${server.name} did not start: ${error.message}`);
          log(`   ${server.name} did not start, not measured this round: ${error.message.split('\n')[0]}`);
        }
      }
      await sleep(1000);
      for (const server of servers) {
        const starts = results.roundStarts(server);
        const last = starts[starts.length - 1];
        if (handles.has(server.id) && last?.round === round) last.rssMb = rssMb(handles.get(server.id).pid);
      }
      await settle(servers, handles, SETTLE, CONNECTIONS);
      let done = 0;
      for (const group of groups) {
        const s = scenario(group.scenarioId);
        for (const server of turnOrder(group.servers, round)) {
          done += 1;
          const handle = handles.get(server.id);
          if (!handle) continue;
          const cell = results.cell(server, group);
          const tag = `[r${round + 1} ${String(done).padStart(String(total).length)}/${total}] ${s.label} @${group.connections}, ${server.name}`;
          try {
            const sample = await measureCell(handle, server, s, group.connections, round);
            cell.samples.push(sample);
            log(sample.skipped ? `${tag}: not measured (${sample.skipped})` : `${tag}: ${line(sample)}`);
          } catch (error) {
            if (error instanceof WrongAnswer) throw error;
            if (server.kind === 'whop') throw new WrongAnswer(`${tag}: ${error.message}`);
            cell.samples.push({ round, error: error.message });
            log(`${tag}: failed: ${error.message.split('\n')[0]}`);
          }
        }
      }
    } finally {
      await Promise.all([...handles.values()].map((handle) => stop(handle)));
    }
  }
}

function line(sample) {
  const flags = [
    sample.non2xx ? `non-2xx ${sample.non2xx} (${sample.statuses})` : '',
    sample.timeouts ? `timeouts ${sample.timeouts}` : '',
    sample.errors ? `connection errors ${sample.errors}` : '',
    sample.completed === 0 ? 'NO REQUEST COMPLETED' : '',
  ]
    .filter(Boolean)
    .join(', ');
  const cpu = sample.cpu ? `server ${fmt(sample.cpu.server)}% load-gen ${fmt(sample.cpu.generator)}% others ${fmt(sample.cpu.others)}%` : 'cpu n/a';
  return `${fmt(sample.rps)} req/s, p50 ${fmt(sample.p50, 2)} p99 ${fmt(sample.p99, 1)} ms, ${fmt(sample.cpuUsPerRequest)} µs CPU/request (${cpu})${flags ? `, ${flags}` : ''}`;
}
