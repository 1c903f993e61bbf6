// What the default limits let clients make the mock hold, measured in one process (server
// in-process, so V8 can be asked to collect garbage first: what is left is what is held):
// idle; the journal filled past its process budget by the largest entries a client can make
// (bodies over the journal's body limit, 12 KiB of headers) across 1,000 sessions; 4,096 idle
// connections (the connection cap); and the largest bio each of the 1,000 sessions may store
// under --session-bytes (256 KiB of records per session by default; a 1 MiB bio is refused with
// a 413, which is checked); then the answers the server remembers as served JSON (list items and
// single records, per operation and version, each bounded) filled with those largest records.
// Loopback only; stops by itself.
// Usage: node scripts/memory-worst-case.mjs   (after npm run build)
import { spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';

if (typeof globalThis.gc !== 'function') {
  const run = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
const { createMockServer } = await import('../dist/index.js');
const MiB = 2 ** 20;
const server = await createMockServer({ port: 0 });
const held = async () => {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { held: (m.heapUsed + m.external) / MiB, rss: m.rss / MiB };
};
const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const send = (method, path, headers, body) =>
  new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
const inParallel = async (count, task) => {
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < count) await task(next++);
  }));
};
const line = (label, now, before) => console.log(`  ${label.padEnd(58)} held ${now.held.toFixed(0).padStart(5)} MiB${before ? ` (+${(now.held - before.held).toFixed(0)})` : ''}, rss ${now.rss.toFixed(0).padStart(5)} MiB${before ? ` (+${(now.rss - before.rss).toFixed(0)})` : ''}`);

console.log(`memory-worst-case: ${new Date().toISOString()}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, default limits`);
await send('GET', '/users/me?first=1', { 'x-mock-session': 'warm', authorization: 'Bearer tok_user_alex_full' }, undefined);
await send('GET', '/users/me', { prefer: 'dynamic=true', authorization: 'Bearer tok_user_alex_full' }, undefined); // json-schema-faker loaded (Prism is not, with the bundled specs)
const idle = await held();
line('idle (after a first dynamic=true answer)', idle);

const pad = 'h'.repeat(12 * 1024);
const body = JSON.stringify({ biography: 'j'.repeat(MiB - 100) });
await inParallel(3000, (i) => send('PATCH', '/users/me', { authorization: 'Bearer tok_user_alex_full', 'x-mock-session': `m-${i % 1000}`, 'x-pad': pad }, body));
const journal = await held();
line('+ journals past the 64 MiB budget (3,000 largest entries)', journal, idle);

const sockets = [];
for (let i = 0; i < 4096; i += 1) {
  const socket = connect(server.port, '127.0.0.1');
  socket.on('error', () => undefined);
  sockets.push(socket);
  if (i % 256 === 255) await new Promise((resolve) => setTimeout(resolve, 50));
}
const connections = await held();
line('+ 4,096 idle connections (the cap; client sockets included)', connections, journal);
for (const socket of sockets) socket.destroy();

const patchBio = (size, i) => send('PATCH', '/users/me', { authorization: 'Bearer tok_user_alex_full', 'x-mock-session': `m-${i}` }, JSON.stringify({ bio: 'b'.repeat(size) }));
const refused = await patchBio(MiB - 100, 0);
if (refused !== 413) throw new Error(`a 1 MiB bio should be refused by --session-bytes, got ${refused}`);
// The session already holds its fixtures' records: the largest bio that still fits, found once.
let low = 0;
let high = 256 * 1024;
while (high - low > 1024) {
  const mid = Math.floor((low + high) / 2);
  if ((await patchBio(mid, 0)) === 200) low = mid;
  else high = mid;
}
const statuses = new Set();
await inParallel(1000, async (i) => statuses.add(await patchBio(low, i)));
if (statuses.size !== 1 || !statuses.has(200)) throw new Error(`storing the bios: ${[...statuses]}`);
const stored = await held();
line(`+ a ${Math.round(low / 1024)} KiB bio (the most --session-bytes lets a session write) in each of 1,000 sessions`, stored, connections);

// Every session's largest record read in both served versions, by id, as the caller and in a
// list: each remembered-answer cache fills to its bound (and starts over) many times.
const versions = ['2025-01-01', '2026-07-20'];
const reads = ['/users/me', '/users/user_alex123', '/users?first=10'];
const readStatuses = new Set();
await inParallel(1000 * versions.length * reads.length, async (n) => {
  const session = `m-${n % 1000}`;
  const version = versions[Math.floor(n / 1000) % versions.length];
  const path = reads[Math.floor(n / (1000 * versions.length))];
  readStatuses.add(await send('GET', path, { authorization: 'Bearer tok_user_alex_full', 'x-mock-session': session, 'api-version-date': version }, undefined));
});
if (readStatuses.size !== 1 || !readStatuses.has(200)) throw new Error(`reading the bios: ${[...readStatuses]}`);
const remembered = await held();
line('+ those records read by id, as the caller and in a list, in both versions', remembered, stored);
agent.destroy();
await server.close();
