// How long a reload takes, as a developer meets it: the mock runs with a copy of the default
// fixtures and specs; each round edits a file (a new value every time, so nothing comes from a
// cache) and reloads through POST /__mock/reload, timing the round trip. Three cases: a fixture
// edited (the common one), nothing changed, and a spec edited (its validators are compiled again).
// Usage: node scripts/reload-time.mjs   (after npm run build)   ROUNDS=15 SPEC_ROUNDS=5
//        STORE=redis://127.0.0.1:6379/15 to reload with the Redis store (it moves the store's world too).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockServer } from '../dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.env.ROUNDS ?? 15);
const specRounds = Number(process.env.SPEC_ROUNDS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'whop-mock-reload-time-'));
const fixtures = join(work, 'fixtures');
const specs = join(work, 'specs');
cpSync(join(root, 'fixtures'), fixtures, { recursive: true });
cpSync(join(root, 'specs'), specs, { recursive: true });
const server = await createMockServer({ fixtures, specs, cacheDir: join(work, 'cache'), loadPrism: 'on-demand', ...(process.env.STORE ? { store: process.env.STORE } : {}) });

const usersFile = join(fixtures, 'users.json');
const specFile = join(specs, '2026-06-09.yaml');
const users = readFileSync(usersFile, 'utf8');
const spec = readFileSync(specFile, 'utf8');

async function reloadOnce() {
  const started = performance.now();
  const res = await fetch(`${server.url}/__mock/reload`, { method: 'POST' });
  const body = await res.json();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`reload answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, changed: body.changed, server_ms: body.duration_ms };
}

async function measure(label, count, edit) {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    edit(i);
    const { ms, changed } = await reloadOnce();
    if (changed !== (label !== 'nothing changed')) throw new Error(`${label}: changed=${changed}`);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${label.padEnd(28)} median ${median.toFixed(1)} ms  (min ${times[0].toFixed(1)}, max ${times.at(-1).toFixed(1)}, ${count} reloads)`);
  return median;
}

const at = new Date().toISOString();
console.log(`reload-time ${at}  node ${process.version}  ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log(`POST /__mock/reload round trip, default fixtures and specs (copies), ${process.env.STORE ? 'Redis store' : 'memory store'}:`);
// A warm-up reload, as the first reload of a process loads the fixture checks' code.
writeFileSync(usersFile, users.replace('"name": "Alex Rivera"', '"name": "Alex Warm"'));
await reloadOnce();
const fixture = await measure('fixture edited (users.json)', rounds, (i) => writeFileSync(usersFile, users.replace('"name": "Alex Rivera"', `"name": "Alex ${i}"`)));
await measure('nothing changed', rounds, () => undefined);
const specEdited = await measure('spec edited (2026-06-09.yaml)', specRounds, (i) => writeFileSync(specFile, spec.replace(/^(info:\n)/m, `$1  x-reload-round: ${i}\n`)));
console.log(`fixture reload under the 300 ms target: ${fixture < 300 ? 'yes' : 'NO'}; spec reload: ${specEdited.toFixed(0)} ms`);
await server.close();
rmSync(work, { recursive: true, force: true });
