// A/B of two builds in one process: the same requests through each build's `mock.fetch` (the
// whole core: pipeline, memo, validation, journal; no socket), in batches that alternate build by
// build, in an order that flips every round, so a slow patch of a shared machine hits both. CPU
// per request = process.cpuUsage() (user + system) over a batch / its requests. Prints, per
// scenario, each build's median and the median of the per-round differences and ratios.
// Usage: node scripts/ab-inprocess.mjs <other build's dist/index.js> [rounds, default 30]
//        (after npm run build; taskset -c 1 in front keeps it on one core)
// AB_BATCH: requests per batch (default 5000).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [otherPath, roundsArg] = process.argv.slice(2);
if (!otherPath) {
  console.error('usage: node scripts/ab-inprocess.mjs <other build dist/index.js> [rounds]');
  process.exit(2);
}
const ROUNDS = Number(roundsArg ?? 30);
const BATCH = Number(process.env.AB_BATCH ?? 5000);
const builds = {
  this: await import(new URL('../dist/index.js', import.meta.url).href),
  other: await import(pathToFileURL(resolve(otherPath)).href),
};
const mocks = { this: await builds.this.createMock(), other: await builds.other.createMock() };
const auth = { authorization: 'Bearer tok_user_alex_full', 'api-version-date': '2026-06-09' };
const SCENARIOS = {
  'GET /users/{id}': () => ['http://whop.test/api/v1/users/user_maya7Kd2', { headers: auth }],
  'PATCH /users/me {"bio"}': () => ['http://whop.test/api/v1/users/me', { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: '{"bio":"Hello from the A/B"}' }],
};

async function batch(mock, make, n) {
  const started = process.cpuUsage();
  for (let i = 0; i < n; i += 1) {
    const reply = await mock.fetch(...make());
    if (reply.status !== 200) throw new Error(`answered ${reply.status}: ${await reply.text()}`);
    await reply.arrayBuffer();
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / n;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values) => `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
console.log(`A/B in one process, ${ROUNDS} rounds of ${BATCH} requests per build and scenario; this build: dist/index.js; other: ${otherPath}`);
for (const [name, make] of Object.entries(SCENARIOS)) {
  for (const mock of Object.values(mocks)) await batch(mock, make, BATCH);
  const per = { this: [], other: [] };
  const differences = [];
  const ratios = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? ['other', 'this'] : ['this', 'other'];
    const got = {};
    for (const build of order) got[build] = await batch(mocks[build], make, BATCH);
    per.this.push(got.this);
    per.other.push(got.other);
    differences.push(got.this - got.other);
    ratios.push(got.this / got.other);
  }
  console.log(`- ${name}: this ${spread(per.this)} µs CPU per request, other ${spread(per.other)} µs; per round, this − other ${spread(differences)} µs, this / other ${spread(ratios)}x`);
}
for (const mock of Object.values(mocks)) await mock.close();
