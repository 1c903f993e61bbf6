// Spawn to first answer and idle RSS: each server started SPAWNS times, the servers taking turns
// (a, b, c, d, then b, c, d, a, ...), each alone on the machine apart from the bench itself.

import { SPAWNS } from './config.mjs';
import { fmt } from './format.mjs';
import { log } from './log.mjs';
import { turnOrder } from './plan.mjs';
import { rssMb } from './proc-stats.mjs';
import { sleep, start, stop } from './processes.mjs';

/** Idle RSS is read this long after the port first answers. */
const IDLE_MS = 1000;

export async function spawnTimes(servers, pinning) {
  log(`\n== Spawn to first answer and idle RSS, ${SPAWNS} starts each`);
  const samples = new Map(servers.map((server) => [server.id, []]));
  for (let run = 0; run < SPAWNS; run += 1) {
    for (const server of turnOrder(servers, run)) {
      let handle;
      try {
        handle = await start(server, { pinning });
        await sleep(IDLE_MS);
        const sample = { run, startMs: handle.startMs, idleRssMb: rssMb(handle.pid) };
        samples.get(server.id).push(sample);
        log(`   ${server.name}: ${fmt(sample.startMs)} ms, idle RSS ${fmt(sample.idleRssMb, 1)} MB`);
      } catch (error) {
        if (server.kind === 'whop') throw error;
        log(`   ${server.name}: did not start: ${error.message.split('\n')[0]}`);
      } finally {
        await stop(handle);
      }
    }
  }
  return servers.map((server) => ({ id: server.id, name: server.name, kind: server.kind, samples: samples.get(server.id) }));
}
