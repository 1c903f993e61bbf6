import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, stopWith } from '../support/cli-process.js';

// --coverage-report and --coverage-fail-under as a CI job uses them: run the suite against the
// CLI, stop it cleanly, publish the report and let the exit code fail the job.
const QUIET = ['--port', '0', '--log-level', 'silent'];
const ALEX = { authorization: 'Bearer tok_user_alex_full' };

/** Two cells of the bundled specs' 88 (retrieveUser 2025-01-01: 200 and 401): 2.27%. */
async function exerciseTwoCells(url: string): Promise<void> {
  expect((await fetch(`${url}/api/v1/users/me`, { headers: ALEX })).status).toBe(200);
  expect((await fetch(`${url}/api/v1/users/me`)).status).toBe(401);
}

const folder = () => mkdtempSync(join(tmpdir(), 'whop-mock-coverage-'));

describe('the coverage threshold and report at a clean stop', () => {
  it('exits 1 with a one-line reason when less than --coverage-fail-under was exercised, and writes the Markdown report', async ({ onTestFinished }) => {
    const file = join(folder(), 'coverage.md');
    const cli = await startCli(onTestFinished, [...QUIET, '--coverage-fail-under', '5', '--coverage-report', file]);
    await exerciseTwoCells(cli.url);
    const exit = await stopWith(cli, 'SIGTERM');
    expect(exit.code).toBe(1);
    expect(cli.stderr()).toBe('whop-mock: contract coverage 2.27% is below 5% (--coverage-fail-under): 2 of 88 declared (operation, version, status) cells were exercised\n');
    const markdown = readFileSync(file, 'utf8');
    expect(markdown.startsWith('# Contract coverage\n\nAll sessions: **2.27%** of the declared (operation, version, status) cells exercised, 2 of 88.')).toBe(true);
    expect(markdown).toContain('| `retrieveUser` `GET /users/{id}` | 2025-01-01 | 2 | ✅ 200 · ⬜ 400 · ✅ 401 · ⬜ 403 · ⬜ 404 · ⬜ 500 | 400, 403, 404, 500 | user token 1 · account key 0 · app key 0 · no token 1 | — |');
  });

  it('exits 0 when the share is at the threshold (set by its variable), and writes JSON for any other file name', async ({ onTestFinished }) => {
    const file = join(folder(), 'coverage.json');
    const cli = await startCli(onTestFinished, [...QUIET, '--coverage-report', file], { WHOP_MOCK_COVERAGE_FAIL_UNDER: '2.27' });
    await exerciseTwoCells(cli.url);
    expect((await stopWith(cli, 'SIGTERM')).code).toBe(0);
    expect(cli.stderr()).toBe('');
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.summary).toMatchObject({ cells: 88, exercised: 2, percent: 2.27, requests: 2 });
    expect(report.operations.find((op: { operationId: string; version: string }) => op.operationId === 'retrieveUser' && op.version === '2025-01-01').token_kinds).toEqual({ user_oauth_token: 1, account_api_key: 0, app_api_key: 0, none: 1 });
  });

  it('exits 0 without a threshold, however little was exercised', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, [...QUIET]);
    expect((await stopWith(cli, 'SIGTERM')).code).toBe(0);
  });

  it('refuses a threshold that is not a percentage, naming the flag', async ({ onTestFinished }) => {
    const result = await runCli(onTestFinished, [...QUIET, '--coverage-fail-under', '101']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('whop-mock: --coverage-fail-under must be a percentage from 0 to 100, got "101" (see --help)\n');
  });
});
