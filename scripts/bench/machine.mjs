// Facts about the machine and the versions measured, for the report's header and the JSON file.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT, WHOP_BIN, WHOP_ROOT } from './config.mjs';

const versionOf = (dir) => {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
};

export function machine() {
  const cpus = os.cpus();
  let nproc;
  try {
    nproc = Number(execFileSync('nproc', ['--all'], { encoding: 'utf8' }).trim());
  } catch {
    nproc = cpus.length;
  }
  return {
    cores: nproc,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    memGb: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    whopMock: versionOf(WHOP_ROOT),
    whopBin: WHOP_BIN.startsWith(`${ROOT}/`) ? WHOP_BIN.slice(ROOT.length + 1) : WHOP_BIN,
    express: versionOf(join(ROOT, 'node_modules', 'express')),
    autocannon: versionOf(join(ROOT, 'node_modules', 'autocannon')),
  };
}

export const loadAverage = () => os.loadavg().map((value) => Number(value.toFixed(2)));
