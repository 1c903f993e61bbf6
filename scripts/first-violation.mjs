// What a contract violation costs the request that meets it: the first violation of a process
// compiles the explainer's Ajv (every error, each placed in the served spec:
// src/validation/explain-violation.ts), later ones reuse it; a valid answer never pays for it.
// Prints the median of --runs fresh processes' first violating request, their second, and a
// valid request, each timed in-process through mock.fetch (no socket).
// Usage: node scripts/first-violation.mjs [--runs 5]   (after npm run build)
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, child: { type: 'boolean', default: false } } });

if (values.child) {
  const { createMock } = await import('../dist/index.js');
  const mock = await createMock();
  const session = mock.session('violation');
  const me = () => mock.fetch('http://mock.test/users/me', { headers: { authorization: 'Bearer tok_user_alex_full', ...session.headers } });
  const timed = async () => {
    const started = performance.now();
    const reply = await me();
    await reply.text();
    return [reply.status, performance.now() - started];
  };
  await timed();
  const valid = await timed();
  session.addFault({ operationId: 'retrieveUser', status: 200, body: { id: 5, username: 'no spaces' }, times: 2 });
  const first = await timed();
  const second = await timed();
  await mock.close();
  console.log(JSON.stringify({ valid, first, second }));
} else {
  const rows = [];
  for (let i = 0; i < Number(values.runs); i += 1) {
    const out = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child'], { encoding: 'utf8' });
    rows.push(JSON.parse(out.stdout.trim().split('\n').at(-1)));
  }
  const median = (key) => rows.map((row) => row[key][1]).sort((a, b) => a - b)[Math.floor(rows.length / 2)].toFixed(1);
  for (const row of rows) console.log(`valid ${row.valid[0]} ${row.valid[1].toFixed(1)} ms · first violation ${row.first[0]} ${row.first[1].toFixed(1)} ms · second ${row.second[0]} ${row.second[1].toFixed(1)} ms`);
  console.log(`median of ${rows.length}: valid ${median('valid')} ms, first violation ${median('first')} ms, second violation ${median('second')} ms`);
}
