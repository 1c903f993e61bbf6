// What sessions and journal entries cost whop-mock in memory.

import http from 'node:http';
import { HOST, JOURNAL_FILL, SESSIONS, WHOP_BIN } from './config.mjs';
import { log } from './log.mjs';
import { rssMb } from './proc-stats.mjs';
import { request, sleep, start, stop } from './processes.mjs';
import { AUTH, LATEST } from './scenarios.mjs';

/**
 * Per-session cost. A fresh whop-mock, started with --expose-gc and a preload that on SIGUSR2
 * collects garbage and reports process.memoryUsage() on stderr (nothing on the request path
 * changes). Baseline: 1,000 requests in the default session, so JIT and allocator warm-up are
 * not charged to sessions. Then 1,000 requests each naming a new X-Mock-Session, then one PATCH
 * in each of those sessions (the first write copies the user record into the session).
 */
export async function benchSessions(pinning) {
  log(`\n== Memory: whop-mock, ${SESSIONS} sessions`);
  const preload = `data:text/javascript,${encodeURIComponent(
    "process.on('SIGUSR2', () => { globalThis.gc(); globalThis.gc(); process.stderr.write('BENCH_MEM ' + JSON.stringify(process.memoryUsage()) + '\\n'); });",
  )}`;
  const server = {
    name: 'whop-mock (sessions)',
    args: (port) => [WHOP_BIN, '--port', String(port), '--log-level', 'silent', '--max-sessions', String(SESSIONS)],
  };
  const handle = await start(server, { pinning, extraNodeArgs: ['--expose-gc', `--import=${preload}`] });
  const snapshot = async () => {
    await sleep(200);
    const reported = new Promise((resolve) => handle.memListeners.push(resolve));
    handle.child.kill('SIGUSR2');
    const mem = await Promise.race([reported, sleep(5000).then(() => null)]);
    await sleep(200);
    return { rss: rssMb(handle.child.pid), heapUsed: mem ? mem.heapUsed / 2 ** 20 : null, external: mem ? (mem.external + mem.arrayBuffers) / 2 ** 20 : null };
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  const send = async (count, make) => {
    let next = 0;
    let bad = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const { method = 'GET', path, headers, body } = make(i);
        const status = await new Promise((resolve, reject) => {
          const req = http.request({ host: HOST, port: handle.port, method, path, headers, agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          });
          req.on('error', reject);
          req.end(body);
        });
        if (status < 200 || status >= 300) bad += 1;
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    if (bad > 0) throw new Error(`whop-mock answered ${bad} of ${count} valid session requests with non-2xx`);
  };
  const session = (i) => `bench-${String(i).padStart(4, '0')}`;
  try {
    await sleep(1000);
    const idle = await snapshot();
    await send(SESSIONS, () => ({ path: '/users/user_alex123', headers: { ...AUTH, ...LATEST } }));
    const base = await snapshot();
    await send(SESSIONS, (i) => ({ path: '/users/user_alex123', headers: { ...AUTH, ...LATEST, 'x-mock-session': session(i) } }));
    const read = await snapshot();
    await send(SESSIONS, (i) => ({ method: 'PATCH', path: '/users/me', headers: { ...AUTH, ...LATEST, 'content-type': 'application/json', 'x-mock-session': session(i) }, body: `{"bio":"bench ${i}"}` }));
    const written = await snapshot();
    // Did the sessions really stay separate? Session 0 must show its own PATCH, the default must not.
    const own = JSON.parse((await request(handle.port, { path: '/users/me', headers: { ...AUTH, ...LATEST, 'x-mock-session': session(0) } })).body);
    const shared = JSON.parse((await request(handle.port, { path: '/users/me', headers: { ...AUTH, ...LATEST } })).body);
    const isolated = own.bio === 'bench 0' && shared.bio !== 'bench 0';
    // The request journal keeps each session's last entries (request headers, body, response
    // body) in memory: what one entry costs, for a single-user GET and a 10-user list. Each of
    // these two sessions evicts the least recently used bench session (max-sessions), which is
    // one session's worth of noise against JOURNAL_FILL entries.
    await send(JOURNAL_FILL, () => ({ path: '/users/user_alex123', headers: { ...AUTH, ...LATEST, 'x-mock-session': 'bench-journal-get' } }));
    const journalGet = await snapshot();
    await send(JOURNAL_FILL, () => ({ path: '/users?first=10', headers: { ...AUTH, ...LATEST, 'x-mock-session': 'bench-journal-list' } }));
    const journalList = await snapshot();
    return { idle, base, read, written, isolated, journalGet, journalList };
  } finally {
    agent.destroy();
    await stop(handle);
  }
}
