// The bench's knobs: environment variables (documented in scripts/bench.mjs) and fixed sizes.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail } from './log.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST = '127.0.0.1';
export const SECONDS = positive('BENCH_SECONDS', 10);
export const WARMUP = positive('BENCH_WARMUP', 2);
export const CONNECTIONS = positive('BENCH_CONNECTIONS', 50);
export const START_RUNS = positive('BENCH_START_RUNS', 3);
export const ALL = process.env.BENCH_ALL === '1';
export const SKIP_PRISM = process.env.BENCH_SKIP_PRISM === '1';
export const PROFILE = process.argv.includes('--profile');
export const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(';').map((name) => name.trim())) : null;
export const SESSIONS_ON = process.env.BENCH_SESSIONS !== '0';
export const PRISM_SPEC = 'specs/2026-06-09.yaml';
export const PRISM_DIR = join(ROOT, '.bench');
export const PRISM_BIN = join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
// BENCH_WHOP_CLI measures another build (a candidate fix) with the same script.
export const WHOP_BIN = process.env.BENCH_WHOP_CLI ? resolve(process.env.BENCH_WHOP_CLI) : join(ROOT, 'dist', 'cli.js');
export const WHOP_ROOT = dirname(dirname(WHOP_BIN));
export const SESSIONS = 1000;
export const SCALE_USERS = positive('BENCH_SCALE_USERS', 10000);
/** Requests journaled in one session to price a journal entry (the default journal keeps 500). */
export const JOURNAL_FILL = 500;

function positive(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) fail(`${name} must be a positive number, got "${raw}"`);
  return value;
}
