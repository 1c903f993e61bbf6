// Spawn-to-first-answer: how long `node <cli> --port 0` takes from spawn until GET /users/me is
// answered 200, for one or more builds, runs alternating between them; prints every run and the
// median. Loopback only; every child is stopped before the next starts.
// Usage: node scripts/first-answer.mjs [--cli dist/bin/whop-mock.js ...] [--runs 9]
//        [--flags='--generate-users 100000'] [--cpu 1]   (more CLI flags; run each on that core, with taskset)
import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { cli: { type: 'string', multiple: true }, runs: { type: 'string', default: '9' }, flags: { type: 'string', default: '' }, cpu: { type: 'string' } } });
const clis = values.cli ?? ['dist/bin/whop-mock.js'];
const runs = Number(values.runs);
const flags = values.flags.split(' ').filter(Boolean);
const pin = values.cpu === undefined ? [] : ['taskset', '-c', values.cpu];

async function once(cli) {
  const started = performance.now();
  const command = [...pin, process.execPath, cli, '--port', '0', '--log-level', 'silent', ...flags];
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  let ms = Number.NaN;
  for (let tries = 0; tries < 2000 && Number.isNaN(ms); tries += 1) {
    const url = /listening on (\S+)/.exec(out)?.[1];
    if (url !== undefined) {
      const reply = await fetch(`${url}/users/me`, { headers: { authorization: 'Bearer tok_user_alex_full' } }).catch(() => undefined);
      if (reply?.status === 200) ms = performance.now() - started;
    } else await new Promise((resolve) => setTimeout(resolve, 2));
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return ms;
}

console.log(`first-answer: ${new Date().toISOString()}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${runs} runs each, alternating${flags.length ? `, flags ${flags.join(' ')}` : ''}${pin.length ? `, on core ${values.cpu}` : ''}`);
const times = new Map(clis.map((cli) => [cli, []]));
await once(clis[0]); // warm the file cache
for (let i = 0; i < runs; i += 1) for (const cli of clis) times.get(cli).push(await once(cli));
for (const [cli, list] of times) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`${cli}: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (${list.map((ms) => ms.toFixed(0)).join(', ')})`);
}
