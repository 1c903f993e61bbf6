// Runs every example in examples/ as a user would get it, so that none can rot: packs this
// repository once (npm pack; prepack builds dist/), then for each example copies its folder into a
// fresh temporary folder, points its `whop-mock` dependency at the tarball, installs it
// (`npm i --no-audit --no-fund --ignore-scripts`, the rest from the npm registry) and runs its
// check (scripts/examples/<name>.mjs). Prints PASS, FAIL or SKIP per example with its times, and
// exits 1 on any failure. Every server is on 127.0.0.1 and stopped by its process group id.
// Usage: node scripts/examples.mjs [name...] [--keep]     (npm run examples)
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkCompose } from './examples/compose.mjs';
import { checkFetchPage } from './examples/fetch-page.mjs';
import { checkVitestSdk } from './examples/vitest-sdk.mjs';
import { run, stopOnExit } from './support/processes.mjs';

/** Each example's check; an example without one fails, so a new folder cannot go unchecked. */
const CHECKS = { compose: checkCompose, 'fetch-page': checkFetchPage, 'vitest-sdk': checkVitestSdk };
const INSTALL_MS = 300_000;
const CHECK_MS = 240_000;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ options: { keep: { type: 'boolean', default: false } }, allowPositionals: true });
const all = readdirSync(join(root, 'examples')).filter((name) => statSync(join(root, 'examples', name)).isDirectory()).sort();
const names = positionals.length > 0 ? positionals : all;
for (const name of names) if (!all.includes(name)) throw new Error(`no examples/${name} (there are: ${all.join(', ')})`);

stopOnExit();
const work = mkdtempSync(join(tmpdir(), 'whop-mock-examples-'));
const began = Date.now();
let failed = 0;
try {
  const tarball = await pack();
  for (const name of names) {
    const result = await runExample(name, tarball);
    if (result.status === 'FAIL') failed += 1;
    console.log(`${result.status} ${name.padEnd(12)} install ${seconds(result.installMs)}, check ${seconds(result.checkMs)}${result.note ? `: ${result.note}` : ''}`);
    if (result.detail) console.log(indent(result.detail));
  }
} finally {
  if (values.keep) console.log(`(kept ${work})`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`${failed === 0 ? 'PASS' : 'FAIL'}: ${names.length - failed} of ${names.length} examples in ${seconds(Date.now() - began)}`);
// exit() rather than exitCode: a check that timed out may still hold a browser or a server open.
process.exit(failed === 0 ? 0 : 1);

async function pack() {
  const t0 = Date.now();
  const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: root, timeoutMs: INSTALL_MS });
  const file = packed.stdout.trim().split('\n').pop() ?? '';
  if (packed.code !== 0 || !file.endsWith('.tgz')) throw new Error(`npm pack failed (${packed.timedOut ? 'timed out' : `exit ${packed.code}`}):\n${packed.output}`);
  console.log(`packed ${file} in ${seconds(Date.now() - t0)}`);
  return join(work, basename(file));
}

/** Copies, installs from the tarball, runs the check; never throws. */
async function runExample(name, tarball) {
  const source = join(root, 'examples', name);
  const dir = join(work, name);
  const result = { status: 'FAIL', installMs: 0, checkMs: 0, note: '', detail: '' };
  try {
    cpSync(source, dir, { recursive: true, filter: (path) => !/(^|\/)(node_modules|package-lock\.json)$/.test(path.slice(source.length)) });
    pointAtTarball(join(dir, 'package.json'), tarball);
    let t0 = Date.now();
    const install = await run('npm', ['i', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: dir, timeoutMs: INSTALL_MS });
    result.installMs = Date.now() - t0;
    if (install.code !== 0) return { ...result, note: `npm i ${install.timedOut ? 'timed out' : `exited ${install.code}`}`, detail: install.output };
    const check = CHECKS[name];
    if (check === undefined) return { ...result, note: `no check for examples/${name} in scripts/examples.mjs` };
    t0 = Date.now();
    const outcome = await withTimeout(check({ dir, source, root }), CHECK_MS, `the check of ${name}`).catch((error) => ({ error }));
    result.checkMs = Date.now() - t0;
    if (outcome.error !== undefined) throw outcome.error;
    return { ...result, status: outcome.skipped ? 'SKIP' : 'PASS', note: outcome.note ?? '' };
  } catch (error) {
    return { ...result, note: 'the check failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The example's package.json names whop-mock as `file:../..` (the clone); here it is the packed
 * tarball. An example with no package.json (compose) gets one holding only the tarball.
 */
function pointAtTarball(path, tarball) {
  if (!existsSync(path)) {
    writeFileSync(path, `${JSON.stringify({ private: true, dependencies: { 'whop-mock': `file:${tarball}` } }, null, 2)}\n`);
    return;
  }
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const field = ['dependencies', 'devDependencies'].find((key) => json[key]?.['whop-mock'] !== undefined);
  if (field === undefined) throw new Error(`${path} does not depend on whop-mock`);
  json[field]['whop-mock'] = `file:${tarball}`;
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function indent(text) {
  return text.trimEnd().split('\n').map((line) => `    ${line}`).join('\n');
}
