// The fetch edge against the node:http edge, in one process as a test uses them: a child on the
// server core answers GET /users/{id} through `mock.fetch` (createMock: no socket) and through
// Node's own fetch to a createMockServer() on loopback (the node:http edge, client included), in
// batches that alternate, the order flipped every round; CPU per request is process.cpuUsage()
// over a batch / its requests. The bench's server-process figure (the node:http edge alone, under
// autocannon) is in the same report. Bounded: one warm-up batch each, then ROUNDS batches each.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QUICK, ROUNDS, WHOP_ROOT } from './config.mjs';
import { scenario } from './scenarios.mjs';

const BATCH = QUICK ? 2_000 : 20_000;

/** { batch, fetch: [µs per request, a batch each], server: [the same through loopback] } from a child pinned as the servers are. */
export function fetchEdgeCpu(pinning) {
  const get = scenario('get');
  const job = { index: pathToFileURL(join(WHOP_ROOT, 'dist', 'index.js')).href, path: get.path, headers: get.headers, batch: BATCH, rounds: ROUNDS };
  const [command, ...args] = [...pinning.prefix, process.execPath, '--input-type=module', '-e', CHILD, JSON.stringify(job)];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ batch: BATCH, ...JSON.parse(out) });
      else reject(new Error(`the fetch-edge child exited ${code}`));
    });
  });
}

const CHILD = `
const job = JSON.parse(process.argv[1]);
const { createMock, createMockServer } = await import(job.index);
const mock = await createMock({ logLevel: 'silent' });
const server = await createMockServer({ port: 0, logLevel: 'silent' });
const edges = { fetch: (path, init) => mock.fetch('http://whop.test/api/v1' + path, init), server: (path, init) => fetch(server.url + path, init) };
async function batch(edge) {
  const started = process.cpuUsage();
  for (let i = 0; i < job.batch; i += 1) {
    const reply = await edges[edge](job.path, { headers: job.headers });
    if (reply.status !== 200) throw new Error(edge + ' answered ' + reply.status + ': ' + (await reply.text()));
    await reply.arrayBuffer();
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / job.batch;
}
const samples = { fetch: [], server: [] };
for (const edge of ['fetch', 'server']) await batch(edge);
for (let round = 0; round < job.rounds; round += 1) {
  for (const edge of round % 2 === 0 ? ['fetch', 'server'] : ['server', 'fetch']) samples[edge].push(await batch(edge));
}
await mock.close();
await server.close();
process.stdout.write(JSON.stringify(samples));
`;
