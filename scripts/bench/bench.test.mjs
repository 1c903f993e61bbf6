// Checks of the bench's own logic (vitest, run by `npm run bench:check` and by `npm test`):
// the interleaving, the statistics and their formatting, the per-round ratios, the CPU list
// parser, the session names, and the one hard failure against a real server on 127.0.0.1.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { afterAll as after, beforeAll as before, test } from 'vitest';

// Short windows for the measured cell below; config.mjs reads these once, at import.
process.env.BENCH_SECONDS = '0.3';
process.env.BENCH_WARMUP = '0';
const { fmt, range, msDigits } = await import('./format.mjs');
const { measureCell, WrongAnswer } = await import('./measure-cell.mjs');
const { parseCpuList } = await import('./pinning.mjs');
const { plan, turnOrder } = await import('./plan.mjs');
const { paired } = await import('./report-throughput.mjs');
const { createResults, readResults, withSummary, writeResults } = await import('./results.mjs');
const { report } = await import('./report.mjs');
const { scenario } = await import('./scenarios.mjs');
const { settle } = await import('./settle.mjs');
const { summarise } = await import('./stats.mjs');

test('every server runs at every position once over as many rounds as servers', () => {
  const servers = ['a', 'b', 'c', 'd'];
  const rounds = servers.map((_, round) => turnOrder(servers, round));
  assert.deepEqual(rounds, [
    ['a', 'b', 'c', 'd'],
    ['b', 'c', 'd', 'a'],
    ['c', 'd', 'a', 'b'],
    ['d', 'a', 'b', 'c'],
  ]);
  assert.deepEqual(turnOrder(servers, 4), servers);
});

test('a group is one scenario at one connection count, in scenario then connection order', () => {
  const groups = plan([
    { id: 'x', cells: [['list', 50], ['get', 200], ['get', 1]] },
    { id: 'y', cells: [['get', 1], ['list', 50]] },
  ]);
  assert.deepEqual(groups.map((g) => [g.key, g.servers.map((s) => s.id)]), [
    ['get@1', ['x', 'y']],
    ['get@200', ['x']],
    ['list@50', ['x', 'y']],
  ]);
});

test('medians with min and max, ignoring missing figures', () => {
  assert.deepEqual(summarise([3, 1, 2]), { n: 3, median: 2, min: 1, max: 3 });
  assert.deepEqual(summarise([4, 1, null, 2, 3, Number.NaN]), { n: 4, median: 2.5, min: 1, max: 4 });
  assert.equal(summarise([null, undefined]), null);
});

test('a figure prints as median (min–max), or alone when the rounds agree', () => {
  assert.equal(range({ n: 3, median: 15019, min: 14200, max: 15900 }), '15,019 (14,200–15,900)');
  assert.equal(range({ n: 3, median: 63.4, min: 60.2, max: 70 }, 0, 'µs'), '63 µs (60–70)');
  assert.equal(range({ n: 1, median: 42, min: 42, max: 42 }, 0, '%'), '42%');
  assert.equal(range(null), 'n/a');
  assert.equal(fmt(-0.3), '0');
  assert.equal(fmt(-1.25, 1), '-1.3');
  assert.equal(msDigits({ median: 0.4 }), 2);
  assert.equal(msDigits({ median: 12 }), 0);
});

test('ratios pair the rounds in which both cells ran', () => {
  const a = { samples: [{ round: 0, rps: 100 }, { round: 1, rps: 300 }, { round: 2, rps: 500 }] };
  const b = { samples: [{ round: 0, rps: 50 }, { round: 1, rps: 100 }, { round: 2, error: 'did not start' }] };
  assert.deepEqual(paired(a, b, 'rps'), { n: 2, median: 2.5, min: 2, max: 3 });
  assert.equal(paired(a, null, 'rps'), null);
});

test('a cell summary leaves out failed and skipped rounds and adds up non-2xx', () => {
  const cell = withSummary({
    samples: [
      { round: 0, rps: 10, p50: 1, p99: 2, cpuUsPerRequest: 5, non2xx: 1, timeouts: 0, statuses: '200,503' },
      { round: 1, error: 'boom' },
      { round: 2, rps: 30, p50: 1, p99: 4, cpuUsPerRequest: 7, non2xx: 2, timeouts: 3, statuses: '200' },
    ],
  });
  assert.equal(cell.measured, 2);
  assert.equal(cell.failed, 'boom');
  assert.deepEqual(cell.rps, { n: 2, median: 20, min: 10, max: 30 });
  assert.equal(cell.non2xx, 3);
  assert.equal(cell.timeouts, 3);
  assert.equal(cell.statuses, '200,503');
});

test('a saved results file draws the same report as the run that wrote it', () => {
  const meta = {
    date: '2026-01-02',
    quick: false,
    machine: { cores: 2, cpu: 'cpu', memGb: 1, os: 'os', node: 'v20', whopMock: '0', whopBin: 'dist/cli.js', express: '5', autocannon: '9' },
    pinning: { applied: true, note: 'pinned' },
    prism: { version: '5.14.2', note: null },
    loadAverage: { start: [1, 1, 1], end: [2, 2, 2] },
    config: { rounds: 2, seconds: 5, warmup: 1, connections: 50, sweep: [1, 50], search: 'mar' },
    durationS: 60,
  };
  const results = createResults(meta);
  results.spawn = [{ id: 'whop', name: 'whop-mock', kind: 'whop', samples: [{ run: 0, startMs: 900, idleRssMb: 90 }] }];
  results.roundStarts({ id: 'whop', name: 'whop-mock' }).push({ round: 0, startMs: 950, rssMb: 91 });
  const sample = (round, server, rps) => ({ round, rps, p50: 1, p99: 5, cpuUsPerRequest: 1e6 / rps, non2xx: 0, timeouts: 0, statuses: '200', cpu: { server: 90, generator: 50, others: 5 } });
  for (const [id, name, kind, rps] of [['whop', 'whop-mock', 'whop', 15000], ['prism', 'Prism, -v silent', 'prism', 3000]]) {
    for (const connections of [1, 50]) {
      const cell = results.cell({ id, name, kind }, { key: `get@${connections}`, scenarioId: 'get', connections });
      cell.samples.push(sample(0, id, rps), sample(1, id, rps * 1.1));
    }
  }
  const file = writeResults(results);
  try {
    const again = report(readResults(file), 'f');
    assert.equal(again, report(results, 'f'));
    assert.match(again, /\| GET \/users\/\{id\} \| 50 \| whop-mock \| 15,750 \(15,000–16,500\) \|/);
    assert.match(again, /5\.00x the req\/s of Prism -v silent/);
  } finally {
    rmSync(file);
  }
});

test('CPU lists as /proc writes them', () => {
  assert.deepEqual(parseCpuList('0-1'), [0, 1]);
  assert.deepEqual(parseCpuList('0,2-4,7'), [0, 2, 3, 4, 7]);
  assert.equal(parseCpuList(''), null);
  assert.equal(parseCpuList('zero'), null);
});

test('session churn rotates 1,000 names; a new session is never a name used before', () => {
  const churn = scenario('churn');
  const names = Array.from({ length: 2001 }, () => churn.session());
  assert.equal(new Set(names).size, 1000);
  assert.equal(names[0], names[1000]);
  assert.match(names[999], /^churn-\d{4}$/);
  const fresh = scenario('new-session');
  const created = Array.from({ length: 5000 }, () => fresh.session());
  assert.equal(new Set(created).size, 5000);
  for (const name of [...names, ...created]) assert.match(name, /^[A-Za-z0-9._:-]{1,100}$/);
});

// The one hard failure, against a real server: a path under /bad answers 503 after its 20th request.
let server;
let port;
const counts = new Map();
before(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    counts.set(req.url, (counts.get(req.url) ?? 0) + 1);
    const failing = req.url.startsWith('/bad') && counts.get(req.url) > 20;
    res.writeHead(failing ? 503 : 200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
});
after(() => new Promise((resolve) => server.close(resolve)));

const handle = () => ({ port, pid: process.pid });
const ask = (path) => ({ id: 't', label: `GET ${path}`, method: 'GET', path, headers: {} });

test('a whop-mock cell with only 2xx answers is measured', async () => {
  const sample = await measureCell(handle(), { name: 'whop-mock', kind: 'whop' }, ask('/ok'), 2, 0);
  assert.equal(sample.non2xx, 0);
  assert.ok(sample.completed > 0 && sample.rps > 0 && sample.p99 > 0);
});

test('a non-2xx from whop-mock to a valid request fails the run; from a peer it is reported', async () => {
  const peer = await measureCell(handle(), { name: 'Prism', kind: 'prism' }, ask('/bad-peer'), 2, 0);
  assert.ok(peer.non2xx > 0);
  // During the measured window (the probe still passes) ...
  await assert.rejects(measureCell(handle(), { name: 'whop-mock', kind: 'whop' }, ask('/bad-window'), 2, 0), (error) => error instanceof WrongAnswer && /503/.test(error.message));
  // ... and at the probe, unless the scenario is optional, which is then reported as skipped.
  await assert.rejects(measureCell(handle(), { name: 'whop-mock', kind: 'whop' }, ask('/bad-peer'), 2, 0), WrongAnswer);
  const skipped = await measureCell(handle(), { name: 'whop-mock', kind: 'whop' }, { ...ask('/bad-peer'), optional: true }, 2, 0);
  assert.match(skipped.skipped, /answered 503/);
});

test('settling loads each started server with its first scenario before any cell, and skips one that did not start', async () => {
  const path = scenario('get').path;
  const before = counts.get(path) ?? 0;
  const servers = [
    { id: 'a', name: 'a', cells: [['get', 50]] },
    { id: 'b', name: 'b (not started)', cells: [['get', 50]] },
  ];
  await settle(servers, new Map([['a', handle()]]), 0.3, 2);
  const settled = (counts.get(path) ?? 0) - before;
  assert.ok(settled > 10, `only ${settled} settling requests`);
  await settle(servers, new Map([['a', handle()]]), 0, 2);
  assert.equal((counts.get(path) ?? 0) - before, settled);
});
