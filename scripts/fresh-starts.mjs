// Server CPU per GET /users/{id} over many fresh starts of the built CLI, to see how much a
// figure moves from one start to the next (some starts run a few µs per request dearer for their
// whole life, with or without the access log). Configurations alternate start by start, so a
// slow patch of the shared machine hits both. Each start: 0.5 s warm-up, then ROUNDS rounds of
// SECONDS s at 50 connections; CPU per request = the server's utime + stime (/proc/<pid>/stat) /
// requests. Server pinned to core 1 and this script (autocannon) to core 0 where taskset exists.
// 127.0.0.1 only; stops every server it starts (by its PID) and then itself.
// Usage: node scripts/fresh-starts.mjs [starts per configuration, default 8]   (after npm run build)
// FRESH_CONFIGS='silent=--log-level silent;info=' picks the configurations (name=CLI flags; a first
// word ending in .js is another CLI to run, e.g. 'bin=--log-level silent;tsc=dist/cli.js --log-level silent').
import { execFileSync, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const CLI = fileURLToPath(new URL('../dist/bin/whop-mock.js', import.meta.url));
const STARTS = Number(process.argv[2] ?? 8);
const ROUNDS = 3;
const SECONDS = 3;
const configs = (process.env.FRESH_CONFIGS ?? 'silent=--log-level silent;info (the default)=')
  .split(';')
  .map((entry) => {
    const [name, flags = ''] = entry.split('=');
    const words = flags.split(' ').filter(Boolean);
    const cli = words[0]?.endsWith('.js') ? words.shift() : CLI;
    return { name, cli, flags: words, starts: [] };
  });
let pinned = false;
try {
  execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  pinned = true;
} catch {
  // No taskset: unpinned, said in the header.
}
const ticks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const load = (port, seconds) =>
  new Promise((resolve, reject) =>
    autocannon({ url: `http://127.0.0.1:${port}/users/user_alex123`, connections: 50, duration: seconds, headers: { authorization: 'Bearer tok_user_alex_full', 'api-version-date': '2026-07-20' } }, (error, result) => (error ? reject(error) : resolve(result))),
  );

async function measure(config, index) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const command = pinned ? ['taskset', ['-c', '1', process.execPath, config.cli, '--port', String(port), ...config.flags]] : [process.execPath, [config.cli, '--port', String(port), ...config.flags]];
  const child = spawn(command[0], command[1], { stdio: ['ignore', openSync('/dev/null', 'w'), 'ignore'] });
  try {
    for (let tries = 0; ; tries += 1) {
      try {
        await (await fetch(`http://127.0.0.1:${port}/users/user_alex123`, { headers: { authorization: 'Bearer tok_user_alex_full' } })).text();
        break;
      } catch (error) {
        if (tries > 100 || child.exitCode !== null) throw new Error(`the server of start ${index} did not answer: ${error.message}`);
        await sleep(100);
      }
    }
    await load(port, 0.5);
    const rounds = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const before = ticks(child.pid);
      const result = await load(port, SECONDS);
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`start ${index}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      rounds.push(((ticks(child.pid) - before) * 10_000) / result.requests.total);
    }
    return rounds;
  } finally {
    child.kill('SIGTERM');
    await sleep(300);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`fresh-starts: ${new Date().toISOString()}, ${STARTS} starts per configuration, ${ROUNDS} x ${SECONDS} s each, 50 connections, ${pinned ? 'server on core 1, load on core 0' : 'unpinned (no taskset)'}`);
for (let index = 0; index < STARTS; index += 1) {
  for (const config of configs) {
    const rounds = await measure(config, index);
    config.starts.push(median(rounds));
    console.log(`  start ${index}, ${config.name.padEnd(20)} µs per request: ${rounds.map((value) => value.toFixed(1)).join(' ')}`);
  }
}
for (const config of configs) {
  const sorted = [...config.starts].sort((a, b) => a - b);
  console.log(`${config.name}: median of starts ${median(sorted).toFixed(1)} µs (${sorted[0].toFixed(1)}–${sorted[sorted.length - 1].toFixed(1)}); per start: ${config.starts.map((value) => value.toFixed(1)).join(', ')}`);
}
if (configs.length === 2) console.log(`ratio of medians, ${configs[1].name} / ${configs[0].name}: ${(median(configs[1].starts) / median(configs[0].starts)).toFixed(2)}x`);
process.exit(0);
