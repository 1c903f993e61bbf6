// What the bench reads about a process from /proc (Linux): its resident memory and CPU time, and
// the whole machine's busy time, to tell the server's cost from competing work.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** VmRSS of a process in MB, or null. */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time so far, in ms: all cores busy (/proc/stat), the server process (utime + stime of
 * /proc/<pid>/stat) and this process, the load generator (process.cpuUsage).
 */
export function cpuSnapshot(pid) {
  const at = performance.now();
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    const machineBusy = ((user + nice + system + irq + softirq + (steal ?? 0)) * 1000) / CLK_TCK;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const server = ((Number(after[11]) + Number(after[12])) * 1000) / CLK_TCK;
    const usage = process.cpuUsage();
    return { at, machineBusy, server, generator: (usage.user + usage.system) / 1000 };
  } catch {
    return null;
  }
}

/**
 * Between two snapshots: percent of one core used by the server, by the load generator and by
 * everything else on the machine, and the server's CPU milliseconds.
 */
export function cpuDelta(before, after) {
  if (!before || !after) return null;
  const wall = after.at - before.at;
  const serverMs = after.server - before.server;
  const server = (100 * serverMs) / wall;
  const generator = (100 * (after.generator - before.generator)) / wall;
  const others = Math.max(0, (100 * (after.machineBusy - before.machineBusy)) / wall - server - generator);
  return { serverMs, server, generator, others };
}
