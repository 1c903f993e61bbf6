// Facts about the machine and the versions measured, for the report's first section.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PRISM_BIN, PRISM_DIR, ROOT } from './config.mjs';

export function machine() {
  const cpus = os.cpus();
  return {
    nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
    cpu: cpus[0]?.model ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    memGb: (os.totalmem() / 2 ** 30).toFixed(1),
    prism: existsSync(PRISM_BIN) ? JSON.parse(readFileSync(join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', 'package.json'), 'utf8')).version : null,
    express: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'express', 'package.json'), 'utf8')).version,
    autocannon: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'autocannon', 'package.json'), 'utf8')).version,
    whopMock: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    loadavg: os.loadavg().map((value) => value.toFixed(2)).join(' '),
  };
}
