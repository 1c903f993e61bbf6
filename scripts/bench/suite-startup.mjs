// npm run bench:suite: what createMockServer() costs a test suite. Prints markdown; asserts nothing.
//
// 1. In one process: 50 x (createMockServer() + one GET + close()), timed one by one: the first
//    builds everything, the later ones reuse what is immutable (see src/bundle).
// 2. A generated 50-file vitest suite (each file: createMockServer() in beforeAll, one GET,
//    close() in afterAll), run with this repository's vitest and its default pool: the wall time
//    of the whole run, and each file's createMockServer() as the file measured it.
//
// SUITE_WHOP_INDEX measures another build (e.g. a checkout of an older commit's dist/index.js);
// SUITE_FILES, SUITE_SERVERS change the counts. 127.0.0.1 only; every server is closed.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INDEX = resolve(process.env.SUITE_WHOP_INDEX ?? join(ROOT, 'dist', 'index.js'));
const FILES = Number(process.env.SUITE_FILES ?? 50);
const SERVERS = Number(process.env.SUITE_SERVERS ?? 50);
const DIR = join(ROOT, '.bench', 'suite');
const TOKEN = 'tok_user_alex_full';

const ms = (n) => `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en-US")} ms`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
};
const range = (values) => `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;

async function inProcess() {
  const { createMockServer } = await import(pathToFileURL(INDEX).href);
  const times = [];
  for (let i = 0; i < SERVERS; i += 1) {
    const began = performance.now();
    const server = await createMockServer();
    times.push(performance.now() - began);
    const reply = await fetch(`${server.url}/users/me`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (reply.status !== 200) throw new Error(`GET /users/me answered ${reply.status}`);
    await reply.text();
    await server.close();
  }
  return times;
}

function vitestSuite() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const results = join(DIR, 'starts.jsonl');
  writeFileSync(join(DIR, 'vitest.config.mjs'), "export default { test: { include: ['*.test.mjs'], testTimeout: 20000, hookTimeout: 30000 } };\n");
  for (let i = 0; i < FILES; i += 1) {
    writeFileSync(
      join(DIR, `file-${String(i).padStart(2, '0')}.test.mjs`),
      `import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMockServer } from ${JSON.stringify(pathToFileURL(INDEX).href)};
let server;
beforeAll(async () => {
  const began = performance.now();
  server = await createMockServer();
  appendFileSync(${JSON.stringify(results)}, JSON.stringify({ file: ${i}, pid: process.pid, ms: performance.now() - began }) + '\\n');
});
afterAll(() => server.close());
it('answers GET /users/me', async () => {
  const reply = await fetch(server.url + '/users/me', { headers: { authorization: 'Bearer ${TOKEN}' } });
  expect(reply.status).toBe(200);
});
`,
    );
  }
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const began = performance.now();
  const run = spawnSync(process.execPath, [vitest, 'run', '--root', DIR, '--config', join(DIR, 'vitest.config.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  const wall = performance.now() - began;
  if (run.status !== 0) throw new Error(`the generated suite failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const starts = readFileSync(results, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  return { wall, starts, processes: new Set(starts.map((s) => s.pid)).size };
}

const times = await inProcess();
const suite = vitestSuite();
const later = times.slice(1);
const fileStarts = suite.starts.map((s) => s.ms);
const out = [
  `### createMockServer() in a test suite (${new Date().toISOString().slice(0, 10)})`,
  '',
  `- Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model?.trim()}), Node ${process.version}; measured build: ${INDEX.replace(ROOT, '').replace(/^\//, '')}.`,
  '',
  '| | figure |',
  '|---|---:|',
  `| one process: first createMockServer() | ${ms(times[0])} |`,
  `| one process: each of the next ${later.length}, median (min–max) | ${ms(median(later))} (${range(later)}) |`,
  `| ${FILES}-file vitest suite, whole run (\`vitest run\`, default pool) | ${ms(suite.wall)} |`,
  `| ${FILES}-file vitest suite: createMockServer() in each file's beforeAll, median (min–max) | ${ms(median(fileStarts))} (${range(fileStarts)}) |`,
  `| ${FILES}-file vitest suite: processes the files ran in | ${suite.processes} |`,
  '',
];
process.stdout.write(`${out.join('\n')}\n`);
