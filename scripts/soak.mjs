// A bounded soak over loopback: real clients (mixed API reads and writes in churning sessions,
// resets, 1 MB bodies) next to 5,000 slow sockets and repeated full state exports, against
// `node dist/bin/whop-mock.js --generate-users 20000` with the default limits. Prints the server's RSS
// every sample and what every kind of client saw; exits 1 if the RSS after warm-up grows by
// more than 10% or any unexpected error (a 5xx, a broken or unparsable answer to a real client)
// appears. A fault-rule flood in sessions of its own pushes against the session budget all along
// (scripts/soak/fault-flood.mjs); beside it, a proxy in front of a hostile upstream
// (soak/hostile-proxy.mjs). Stops by itself.
// Usage: npm run soak -- [--minutes 10] [--slow 5000] [--users 20000] [--cli dist/bin/whop-mock.js]
//        [--node-options=--max-old-space-size=256]   (NODE_OPTIONS for the server, e.g. a heap cap)
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createApiLoad } from './soak/api-load.mjs';
import { startHostileProxy } from './soak/hostile-proxy.mjs';
import { exportStateRepeatedly } from './soak/exports.mjs';
import { createFaultFlood } from './soak/fault-flood.mjs';
import { holdSlowSockets } from './soak/slow-sockets.mjs';
import { rssMiB, startServer } from './soak/server.mjs';
import { createStats } from './soak/stats.mjs';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, slow: { type: 'string', default: '5000' }, users: { type: 'string', default: '20000' }, cli: { type: 'string', default: 'dist/bin/whop-mock.js' }, 'node-options': { type: 'string', default: '' } } });
const minutes = Number(values.minutes);
const slowCount = Number(values.slow);
if (!(minutes > 0 && minutes <= 24 * 60) || !(slowCount >= 0 && slowCount <= 15_000)) {
  console.error('soak: --minutes must be from 0 to 1440 and --slow from 0 to 15000');
  process.exit(2);
}
const durationMs = minutes * 60_000;
// Warm-up: sessions, journals (to their byte budgets) and V8's heap reach their working size.
const warmUpMs = Math.min(180_000, durationMs * 0.3);
const sampleMs = 2000;
/** RSS is judged by its floor in each window: V8 frees garbage in bursts, so single samples swing. */
const windowMs = Math.max(10_000, Math.min(60_000, durationMs / 10));

console.log(`soak: ${new Date().toISOString()}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`soak: ${minutes} min (warm-up ${Math.round(warmUpMs / 1000)} s), ${slowCount} slow sockets, ${values.users} generated users, server ${values.cli} with default limits${values['node-options'] ? `, NODE_OPTIONS=${values['node-options']}` : ''}`);
const server = await startServer(values.cli, ['--generate-users', values.users], values['node-options']);
const stats = createStats();
const slow = holdSlowSockets(server.url, slowCount, stats);
const api = createApiLoad(server.url, stats);
const exporter = exportStateRepeatedly(server.url, stats);
const faults = createFaultFlood(server.url, stats);
const hostile = await startHostileProxy(values.cli);
const started = Date.now();
const samples = [];
let last = stats.snapshot();
await new Promise((resolve) => {
  const timer = setInterval(() => {
    const elapsed = Date.now() - started;
    const rss = rssMiB(server.pid);
    const now = stats.snapshot();
    samples.push({ elapsed, rss, warm: elapsed >= warmUpMs });
    const rate = Math.round(((now.requests - last.requests) * 1000) / sampleMs);
    // Print one line in five (every 10 s); every sample counts.
    if (samples.length % 5 === 0) console.log(`soak: ${String(Math.round(elapsed / 1000)).padStart(5)} s  rss ${rss.toFixed(0).padStart(5)} MiB  ${String(rate).padStart(5)} req/s  slow open ${String(slow.open()).padStart(5)}  exports ${now.exports}  unexpected ${now.unexpected}${elapsed < warmUpMs ? '  (warm-up)' : ''}`);
    last = now;
    if (elapsed >= durationMs) {
      clearInterval(timer);
      resolve();
    }
  }, sampleMs);
});
slow.stop();
await Promise.all([api.stop(), exporter.stop(), faults.stop()]);
const exit = await server.stop();
const final = stats.snapshot();
const hostileResult = await hostile.stop();

// RSS after warm-up: the floor (lowest sample) of the first window after warm-up against the
// floor of the last window. A leak raises the floor; garbage waiting for collection does not.
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
const windows = new Map();
const complete = Math.floor((durationMs - warmUpMs) / windowMs);
for (const sample of samples.filter((s) => s.warm)) {
  const index = Math.floor((sample.elapsed - warmUpMs) / windowMs);
  // Whole windows only: the few samples of a last partial window may all fall between collections.
  if (index < complete) windows.set(index, Math.min(windows.get(index) ?? Number.POSITIVE_INFINITY, sample.rss));
}
const floors = [...windows.values()];
const start = floors[0] ?? Number.NaN;
const end = floors.at(-1) ?? Number.NaN;
const growth = (end - start) / start;
console.log(`soak: rss floor per ${windowMs / 1000} s window after warm-up (MiB): ${floors.map((f) => f.toFixed(0)).join(' ')}`);
console.log(`soak: requests ${final.requests} (${JSON.stringify(final.statuses)}), ${(final.bytes / 2 ** 20).toFixed(0)} MiB answered; ${final.retried} retried once after a keep-alive close race on a reused socket`);
console.log(`soak: fault-rule flood ${JSON.stringify(faults.counts())} (added: 201; full: 413 mock_session_full where the budget or, capped, the rule cap said so; wrong: any other answer)`);
console.log(`soak: slow sockets opened ${final.slowConnections}, answered ${JSON.stringify(final.slowAnswers)}`);
console.log(`soak: full exports ${final.exports} of ${(final.exportBytes / 2 ** 20).toFixed(1)} MiB, ms ${JSON.stringify(final.exportMs.slice(0, 5))}… median ${median(final.exportMs)}`);
console.log(`soak: rss floor after warm-up ${start.toFixed(0)} MiB -> ${end.toFixed(0)} MiB (${(growth * 100).toFixed(1)}%), median ${median(samples.filter((s) => s.warm).map((s) => s.rss)).toFixed(0)} MiB, peak ${Math.max(...samples.map((s) => s.rss)).toFixed(0)} MiB; server exit ${JSON.stringify(exit)}`);
for (const line of final.firstUnexpected) console.log(`soak: unexpected: ${line}`);
for (const line of hostileResult.lines) console.log(line);
const failures = [];
if (!(growth <= 0.1)) failures.push(`RSS grew ${(growth * 100).toFixed(1)}% after warm-up (limit 10%)`);
if (final.unexpected > 0) failures.push(`${final.unexpected} unexpected errors`);
failures.push(...hostileResult.failures);
if (exit.code !== 0) failures.push(`the server exited ${JSON.stringify(exit)} on SIGTERM: ${server.stderr().slice(0, 300)}`);
console.log(failures.length === 0 ? 'soak: PASS' : `soak: FAIL: ${failures.join('; ')}`);
process.exit(failures.length === 0 ? 0 : 1);
