// Idle RSS and the first `Prefer: dynamic=true` / `example=` answers of a fresh process, for one
// or more builds, runs alternating between them; prints every run and the medians.
//   idle RSS       VmRSS 1.5 s after the server said it listens (no request sent yet)
//   dynamic@idle   the first dynamic=true answer, sent after that idle wait
//   dynamic@start  the first dynamic=true answer of another process, sent as soon as it listens
//   example@start  likewise with Prefer: example=selfView
//   RSS after      VmRSS after those answers
// Loopback only; every child is stopped before the next starts.
// Usage: node scripts/first-dynamic.mjs [--cli dist/bin/whop-mock.js ...] [--runs 7]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { cli: { type: 'string', multiple: true }, runs: { type: 'string', default: '7' } } });
const clis = values.cli ?? ['dist/bin/whop-mock.js'];
const runs = Number(values.runs);
const HEADERS = { authorization: 'Bearer tok_user_alex_full', 'api-version-date': '2026-07-20' };

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function start(cli) {
  const child = spawn(process.execPath, [cli, '--port', '0', '--log-level', 'silent'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  for (let tries = 0; tries < 5000; tries += 1) {
    const url = /listening on (\S+)/.exec(out)?.[1];
    if (url !== undefined) return { child, url };
    await sleep(2);
  }
  child.kill('SIGTERM');
  throw new Error(`${cli} did not start`);
}

async function stop(child) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

async function timed(url, prefer) {
  const started = performance.now();
  const reply = await fetch(`${url}/api/v1/users/me`, { headers: { ...HEADERS, prefer } });
  await reply.arrayBuffer();
  if (reply.status !== 200) throw new Error(`${prefer}: status ${reply.status}`);
  return performance.now() - started;
}

async function once(cli) {
  const idle = await start(cli);
  await sleep(1500);
  const idleRss = rssMb(idle.child.pid);
  const dynamicIdle = await timed(idle.url, 'dynamic=true');
  const rssAfter = rssMb(idle.child.pid);
  await stop(idle.child);
  const cold = await start(cli);
  const dynamicStart = await timed(cold.url, 'dynamic=true');
  await stop(cold.child);
  const example = await start(cli);
  const exampleStart = await timed(example.url, 'example=selfView');
  await stop(example.child);
  return { idleRss, dynamicIdle, dynamicStart, exampleStart, rssAfter };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(`first-dynamic: ${new Date().toISOString()}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${runs} runs each, alternating`);
const results = new Map(clis.map((cli) => [cli, []]));
await once(clis[0]); // warm the file cache
for (let i = 0; i < runs; i += 1) for (const cli of clis) results.get(cli).push(await once(cli));
for (const [cli, list] of results) {
  console.log(`${cli}:`);
  for (const [key, unit] of [['idleRss', 'MB'], ['dynamicIdle', 'ms'], ['dynamicStart', 'ms'], ['exampleStart', 'ms'], ['rssAfter', 'MB']]) {
    const all = list.map((r) => r[key]);
    console.log(`  ${key.padEnd(13)} median ${median(all).toFixed(1)} ${unit}  (${all.map((v) => v.toFixed(unit === 'MB' ? 1 : 0)).join(', ')})`);
  }
}
