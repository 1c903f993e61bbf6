// CPU pinning: the servers under test on one core, the load generator (autocannon, which runs in
// this process) on another, so that neither steals the other's core and the figures stop
// depending on where the scheduler happened to put them. Applied only where `taskset` exists and
// both cores are in this process's affinity mask; otherwise the run goes on unpinned and says so.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LOAD_CPU, PIN, SERVER_CPU } from './config.mjs';

/** Cores a process may run on, from /proc (Linux), or null. */
export function allowedCpus(pid = 'self') {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    return parseCpuList(/^Cpus_allowed_list:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? '');
  } catch {
    return null;
  }
}

/** "0-2,5" -> [0, 1, 2, 5]; null when it is not such a list. */
export function parseCpuList(raw) {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(raw)) return null;
  const cpus = [];
  for (const part of raw.split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    for (let cpu = from; cpu <= to; cpu += 1) cpus.push(cpu);
  }
  return cpus;
}

function hasTaskset() {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Pins this process (every thread: -a) to the load generator's core and returns how servers are
 * to be started: { applied, prefix (command words before `node`), serverCpu, loadCpu, note }.
 */
export function applyPinning() {
  const off = (why) => ({ applied: false, prefix: [], serverCpu: null, loadCpu: null, note: `not applied: ${why}` });
  if (!PIN) return off('BENCH_PIN=0');
  if (SERVER_CPU === LOAD_CPU) return off(`BENCH_SERVER_CPU and BENCH_LOAD_CPU are both ${SERVER_CPU}`);
  if (!hasTaskset()) return off('taskset is not installed (util-linux)');
  const cpus = allowedCpus();
  if (!cpus) return off('/proc/self/status has no Cpus_allowed_list');
  if (!cpus.includes(SERVER_CPU) || !cpus.includes(LOAD_CPU)) return off(`cores ${LOAD_CPU} and ${SERVER_CPU} are not both available (allowed: ${cpus.join(',')})`);
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(LOAD_CPU), String(process.pid)], { stdio: 'ignore' });
  } catch (error) {
    return off(`taskset failed: ${error.message.split('\n')[0]}`);
  }
  const now = allowedCpus();
  if (now?.length !== 1 || now[0] !== LOAD_CPU) return off(`taskset ran but this process is allowed on ${now?.join(',')}`);
  return {
    applied: true,
    prefix: ['taskset', '-c', String(SERVER_CPU)],
    serverCpu: SERVER_CPU,
    loadCpu: LOAD_CPU,
    note: `servers on core ${SERVER_CPU}, load generator (autocannon in the bench process) on core ${LOAD_CPU} (taskset)`,
  };
}

/** True when a started server really runs only on the server core (checked once per spawn). */
export function serverIsPinned(pid, pinning) {
  if (!pinning.applied) return true;
  const cpus = allowedCpus(pid);
  return cpus?.length === 1 && cpus[0] === pinning.serverCpu;
}
