// The soak's hostile part: `node dist/bin/whop-mock.js proxy` (default limits) in front of an upstream that
// misbehaves on purpose (hostile-upstream.mjs, on ../support/hostile-upstream.mjs), hit by clients that ask for every hostile answer
// and check what the proxy made of it, clients that abort requests to a slow answer, and a
// health probe. The proxy must never exit, never log an error, answer every client as
// HOSTILE_ANSWERS says, and keep its RSS under HOSTILE_RSS_BOUND_MIB (docs/reliability.md says why).
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { HOSTILE_ANSWERS, startSoakUpstream } from './hostile-upstream.mjs';
import { rssMiB } from './server.mjs';

export const HOSTILE_RSS_BOUND_MIB = 512;
const HEADERS = { authorization: 'Bearer tok_soak_hostile_0123456789', 'api-version-date': '2026-07-20' };

/** Starts the upstream, the proxy and its clients; `stop()` resolves with lines to print and failures. */
export async function startHostileProxy(cli, { clients = 6, aborters = 4, sampleMs = 2000, printMs = 30_000 } = {}) {
  const upstream = await startSoakUpstream();
  const proxy = await spawnProxy(cli, upstream.url);
  const agent = new Agent({ keepAlive: true, maxSockets: clients + 2 });
  const seen = {};
  const unexpected = [];
  const problem = (text) => unexpected.push(`${new Date().toISOString()} ${text}`);
  const health = [];
  let aborted = 0;
  let running = true;
  const ids = Object.keys(HOSTILE_ANSWERS);
  console.log(`soak: hostile: ${cli} proxy (default limits, pid ${proxy.pid}) in front of ${upstream.url}: ${clients} clients asking for ${ids.join(', ')}; ${aborters} clients aborting user_slow (answers after 5 s); /__mock/health every 2 s`);

  const ask = (id) =>
    new Promise((resolve) => {
      const req = request(`${proxy.url}/api/v1/users/${id}`, { headers: HEADERS, agent }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const want = HOSTILE_ANSWERS[id];
          const text = Buffer.concat(chunks).toString('utf8');
          const header = res.headers['x-mock-contract-violation'] ?? '';
          seen[id] = (seen[id] ?? 0) + 1;
          if (res.statusCode !== want.status) problem(`${id}: ${res.statusCode}, expected ${want.status}: ${text.slice(0, 120)}`);
          else if (want.code !== undefined && !text.includes(`"code":"${want.code}"`)) problem(`${id}: no ${want.code} in ${text.slice(0, 120)}`);
          else if (want.violation !== undefined && !header.includes(want.violation)) problem(`${id}: violation header ${JSON.stringify(header)}`);
          else if (id === 'user_oddheader' && res.headers['x-odd'] !== '%E2%98%83 %C3%A9') problem(`${id}: x-odd ${JSON.stringify(res.headers['x-odd'])}`);
          else if (!/^[\x20-\x7e]*$/.test(header)) problem(`${id}: a violation header that is not printable ASCII`);
          resolve();
        });
      });
      req.on('error', (error) => {
        problem(`${id}: ${error.code ?? error.message}`);
        resolve();
      });
      req.end();
    });

  // A client that gives up on a slow answer after 50-300 ms: the proxy must abort its upstream request.
  const abandon = () =>
    new Promise((resolve) => {
      const req = request(`${proxy.url}/api/v1/users/user_slow`, { headers: HEADERS }, () => problem('user_slow answered before its client left'));
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.end();
      setTimeout(() => {
        aborted += 1;
        req.destroy();
      }, 50 + Math.random() * 250);
    });

  const probe = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = request(`${proxy.url}/__mock/health`, { timeout: 5000 }, (res) => {
        res.resume();
        res.on('end', () => {
          health.push(performance.now() - started);
          if (res.statusCode !== 200) problem(`/__mock/health answered ${res.statusCode}`);
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
      req.on('error', (error) => {
        problem(`/__mock/health: ${error.message}`);
        resolve();
      });
      req.end();
    });

  const loop = async (step, pauseMs = 0) => {
    while (running) {
      await step();
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const loops = [
    ...Array.from({ length: clients }, () => loop(() => ask(ids[Math.floor(Math.random() * ids.length)]))),
    ...Array.from({ length: aborters }, () => loop(abandon)),
    loop(probe, 2000),
  ];
  const samples = [];
  const started = Date.now();
  const sampler = setInterval(() => samples.push(rssMiB(proxy.pid)), sampleMs);
  const printer = setInterval(() => {
    const asked = Object.values(seen).reduce((sum, n) => sum + n, 0);
    console.log(`soak: hostile ${String(Math.round((Date.now() - started) / 1000)).padStart(5)} s  proxy rss ${samples.at(-1)?.toFixed(0) ?? '?'} MiB  answers ${asked}  aborted ${aborted}  unexpected ${unexpected.length}`);
  }, printMs);

  return {
    stop: async () => {
      running = false;
      clearInterval(printer);
      await Promise.all(loops);
      clearInterval(sampler);
      const crashed = proxy.exitedEarly();
      const exit = await proxy.stop();
      upstream.close();
      agent.destroy();
      const sorted = [...health].sort((a, b) => a - b);
      const peak = Math.max(...samples);
      const lines = [
        `soak: hostile upstream: bombs ${JSON.stringify(upstream.bombSizes)} bytes; answers ${JSON.stringify(seen)}`,
        `soak: hostile: ${aborted} clients aborted a slow answer; the upstream saw ${upstream.counts.slow}, ${upstream.counts.slowClosedEarly} closed by the proxy before answering (at most ${upstream.counts.slowOpenMax} open at once)`,
        `soak: hostile: /__mock/health ${health.length} probes, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
        `soak: hostile: proxy rss first ${samples[0]?.toFixed(0)} MiB, median ${[...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]?.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB (bound ${HOSTILE_RSS_BOUND_MIB}); proxy exit ${JSON.stringify(exit)}`,
        ...unexpected.slice(0, 10).map((line) => `soak: hostile unexpected: ${line}`),
      ];
      const failures = [];
      if (crashed !== null) failures.push(`the proxy exited during the soak: ${JSON.stringify(crashed)} ${proxy.stderr().slice(0, 300)}`);
      if (!(peak <= HOSTILE_RSS_BOUND_MIB)) failures.push(`the proxy's RSS reached ${peak.toFixed(0)} MiB (bound ${HOSTILE_RSS_BOUND_MIB})`);
      if (unexpected.length > 0) failures.push(`${unexpected.length} unexpected answers from the proxy`);
      if (proxy.errors() > 0) failures.push(`the proxy logged ${proxy.errors()} error line(s): ${proxy.firstError()}`);
      if (exit.code !== 0) failures.push(`the proxy exited ${JSON.stringify(exit)} on SIGTERM`);
      return { lines, failures };
    },
  };
}

/** `node <cli> proxy --upstream <url>` on a free loopback port, logging errors only (as JSON lines, counted). */
async function spawnProxy(cli, upstreamUrl) {
  const child = spawn(process.execPath, [cli, 'proxy', '--upstream', upstreamUrl, '--port', '0', '--host', '127.0.0.1', '--log-level', 'error', '--log-format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let stdout = '';
  let stderr = '';
  let partial = '';
  let stopping = false;
  let exitedEarly = null;
  const errorLines = [];
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    if (stdout.length < 1e5) stdout += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.includes('"level":"error"')) errorLines.push(line);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  void exited.then((exit) => {
    if (!stopping) exitedEarly = exit;
  });
  const url = await new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearInterval(poll);
        resolve(match[1]);
      }
    }, 20);
    void exited.then((exit) => reject(new Error(`proxy exited ${JSON.stringify(exit)}: ${stderr}`)));
  });
  return {
    url,
    pid: child.pid,
    stderr: () => stderr,
    errors: () => errorLines.length,
    firstError: () => (errorLines[0] ?? '').slice(0, 300),
    exitedEarly: () => exitedEarly,
    stop: async () => {
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}
