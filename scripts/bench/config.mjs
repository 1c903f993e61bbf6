// The bench's knobs: command-line flags, environment variables (both listed by --help) and fixed
// sizes. --quick (or BENCH_QUICK=1) changes only the defaults; an explicit variable still wins.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail } from './log.mjs';

const argv = process.argv.slice(2);
const KNOWN_FLAGS = new Set(['--quick', '--profile', '--help', '-h']);
/** --report FILE: print the report of a saved results file instead of measuring. */
export const REPORT_FILE = (() => {
  const at = argv.indexOf('--report');
  if (at === -1) return null;
  const file = argv[at + 1];
  if (!file || file.startsWith('-')) fail('--report needs a results file, e.g. --report .bench/results-2026-11-30T01-32-47.json');
  argv.splice(at, 2);
  return resolve(file);
})();
for (const arg of argv) if (!KNOWN_FLAGS.has(arg)) fail(`unknown argument "${arg}" (try --help)`);

export const HELP = argv.includes('--help') || argv.includes('-h');
export const PROFILE = argv.includes('--profile');
export const QUICK = argv.includes('--quick') || process.env.BENCH_QUICK === '1';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST = '127.0.0.1';

/** Rounds: every cell is measured once per round; servers take turns inside each round. */
export const ROUNDS = integer('BENCH_ROUNDS', QUICK ? 1 : 3);
export const SECONDS = positive('BENCH_SECONDS', QUICK ? 1.5 : 5);
export const WARMUP = nonNegative('BENCH_WARMUP', QUICK ? 0.25 : 1);
/**
 * Seconds of unmeasured load each server gets right after its start in every round (its first
 * cell's scenario at CONNECTIONS), so that no server's first measured cell pays the start-up
 * transient (its first seconds cost more per request) that others paid in earlier cells.
 */
export const SETTLE = nonNegative('BENCH_SETTLE', QUICK ? 0.5 : 4);
/** Connections for every scenario that is not part of the connection sweep. */
export const CONNECTIONS = integer('BENCH_CONNECTIONS', 50);
export const SWEEP = list('BENCH_SWEEP', [1, 10, 50, 200]);
/** Cold starts per server for spawn-to-first-answer and idle RSS. */
export const SPAWNS = integer('BENCH_SPAWNS', QUICK ? 2 : 5);
export const SCALE_USERS = list('BENCH_SCALE_USERS', QUICK ? [1000, 10000] : [1000, 10000, 100000]);
/** The substring searched with GET /users?query= (matched against names and usernames). */
export const SEARCH = process.env.BENCH_SEARCH || 'mar';
/** Session names rotated through X-Mock-Session in the session-churn case. */
export const CHURN_SESSIONS = 1000;
export const ONLY = names('BENCH_ONLY');
export const SCENARIO_ONLY = names('BENCH_SCENARIOS');
export const SKIP_PRISM = process.env.BENCH_SKIP_PRISM === '1';
export const SESSIONS_ON = process.env.BENCH_SESSIONS !== '0';
export const PIN = process.env.BENCH_PIN !== '0';
export const SERVER_CPU = integer('BENCH_SERVER_CPU', 1, 0);
export const LOAD_CPU = integer('BENCH_LOAD_CPU', 0, 0);
/** Whole-run budget; past it the watchdog stops every child and exits 1. 0 = from the plan. */
export const MAX_MINUTES = nonNegative('BENCH_MAX_MINUTES', 0);

export const PRISM_SPEC = 'specs/2026-06-09.yaml';
export const BENCH_DIR = join(ROOT, '.bench');
/** The pinned Prism install: scripts/bench/prism/ (package.json + lockfile) copied here, npm ci. */
export const PRISM_PIN_DIR = join(ROOT, 'scripts', 'bench', 'prism');
export const PRISM_DIR = join(BENCH_DIR, 'prism');
export const PRISM_BIN = join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
// BENCH_WHOP_CLI measures another build (a candidate fix) with the same script.
export const WHOP_BIN = process.env.BENCH_WHOP_CLI ? resolve(process.env.BENCH_WHOP_CLI) : join(ROOT, 'dist', 'bin', 'whop-mock.js');
/** The package the measured CLI belongs to: the nearest folder above it with a package.json (dist/cli.js of older builds, dist/bin/whop-mock.js now). */
export const WHOP_ROOT = packageOf(WHOP_BIN);
// BENCH_BASE_CLI measures a second build beside it in the same run (server whop-base): a build
// before a change, so the two are compared round by round on the same machine state.
export const BASE_BIN = process.env.BENCH_BASE_CLI ? resolve(process.env.BENCH_BASE_CLI) : undefined;
/** Sessions and journal entries created to price their memory. */
export const SESSIONS = 1000;
export const JOURNAL_FILL = 500;

function positive(name, fallback) {
  const value = read(name, fallback);
  if (!(value > 0)) fail(`${name} must be a positive number, got "${process.env[name]}"`);
  return value;
}

function nonNegative(name, fallback) {
  const value = read(name, fallback);
  if (!(value >= 0)) fail(`${name} must be a number >= 0, got "${process.env[name]}"`);
  return value;
}

function integer(name, fallback, min = 1) {
  const value = read(name, fallback);
  if (!Number.isInteger(value) || value < min) fail(`${name} must be an integer >= ${min}, got "${process.env[name]}"`);
  return value;
}

function read(name, fallback) {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : Number(raw);
}

function list(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1)) fail(`${name} must be comma-separated positive integers, got "${raw}"`);
  return values;
}

function names(name) {
  const raw = process.env[name];
  return raw ? new Set(raw.split(';').map((part) => part.trim()).filter(Boolean)) : null;
}

function packageOf(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  return dirname(dirname(file));
}
