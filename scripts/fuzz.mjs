// A long property-based fuzz run: the same property as the bounded run in `npm test`
// (test/reliability/fuzz.test.ts), as many sequences as asked, from a seed that is printed so
// a failure can be replayed exactly. Loopback only; stops by itself.
// Usage: npm run fuzz -- [--seed N] [--runs M]   (defaults: a fresh seed, 5000 sequences)
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { seed: { type: 'string' }, runs: { type: 'string' } } });
const seed = values.seed ?? String(Date.now() % 2 ** 31);
const runs = values.runs ?? '5000';
for (const [name, value] of [['--seed', seed], ['--runs', runs]]) {
  if (!/^\d+$/.test(value)) {
    console.error(`fuzz: ${name} must be a whole number, got "${value}"`);
    process.exit(2);
  }
}
console.log(`fuzz: seed ${seed}, ${runs} sequences (replay: npm run fuzz -- --seed ${seed} --runs ${runs})`);
const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/reliability/fuzz.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, WHOP_MOCK_FUZZ_SEED: seed, WHOP_MOCK_FUZZ_RUNS: runs },
});
child.on('exit', (code, signal) => {
  console.log(`fuzz: seed ${seed}, ${runs} sequences: ${code === 0 ? 'every invariant held' : 'FAILED (see the counterexample above)'}`);
  process.exit(code ?? (signal ? 1 : 0));
});
