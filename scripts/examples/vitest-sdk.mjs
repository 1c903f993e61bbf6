// examples/vitest-sdk: its own `npm run typecheck` (the suite against the packed package's types),
// then `npm test` (vitest run), with a JSON report to count what ran.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, run } from '../support/processes.mjs';

export async function checkVitestSdk({ dir }) {
  const typecheck = await run('npm', ['run', 'typecheck'], { cwd: dir, env: cleanEnv(), timeoutMs: 120_000 });
  if (typecheck.code !== 0) throw new Error(`npm run typecheck ${typecheck.timedOut ? 'timed out' : `exited ${typecheck.code}`}:\n${typecheck.output}`);
  const report = join(dir, 'vitest-report.json');
  const ran = await run('npm', ['test', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { cwd: dir, env: cleanEnv(), timeoutMs: 180_000 });
  if (ran.code !== 0) throw new Error(`npm test ${ran.timedOut ? 'timed out' : `exited ${ran.code}`}:\n${ran.output}`);
  const { numTotalTests, numPassedTests } = JSON.parse(readFileSync(report, 'utf8'));
  // A suite that found no test files, or skipped some, must not pass as green.
  if (numTotalTests === 0 || numPassedTests !== numTotalTests) throw new Error(`${numPassedTests} of ${numTotalTests} tests passed:\n${ran.output}`);
  return { note: `types check, ${numPassedTests} tests passed` };
}
