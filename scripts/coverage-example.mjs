// Writes docs/coverage-example.md: the Markdown coverage report of the consumer suite in
// test/admin/coverage-sdk.test.ts (the official @whop/sdk against the bundled specs), made by
// running that test, which first checks the report's numbers against the requests it sent.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('../docs/coverage-example.md', import.meta.url));
const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'node', 'test/admin/coverage-sdk.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, COVERAGE_EXAMPLE_OUT: out },
});
if (run.status !== 0) {
  console.error('coverage-example: the test failed; docs/coverage-example.md was not (re)written');
  process.exit(1);
}
console.log(`wrote ${out}`);
