import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, stopWith } from '../support/cli-process.js';

// --state-file: the memory store's default session kept across restarts, as a frontend developer
// would use it. Written on a clean stop only, as a whole file (temporary file, then rename).
const HEADERS = { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json' };
const QUIET = ['--port', '0', '--log-level', 'silent'];
const json = async (response: Response): Promise<any> => response.json();

describe('--state-file', () => {
  it('saves the default session on a clean stop and loads it on the next start', async ({ onTestFinished }) => {
    const file = join(mkdtempSync(join(tmpdir(), 'whop-mock-state-')), 'world.json');
    const first = await startCli(onTestFinished, [...QUIET, '--state-file', file]);
    expect((await fetch(`${first.url}/users/me`, { method: 'PATCH', headers: HEADERS, body: '{"name":"Kept Across"}' })).status).toBe(200);
    expect((await stopWith(first, 'SIGTERM')).code).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.users.find((u: { id: string }) => u.id === 'user_alex123').name).toBe('Kept Across');
    expect(Object.keys(saved)).toEqual(['companies', 'files', 'users', 'products', 'experiences', 'plans', 'promo_codes', 'members', 'tokens']);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);

    const second = await startCli(onTestFinished, [...QUIET], { WHOP_MOCK_STATE_FILE: file });
    expect((await json(await fetch(`${second.url}/users/me`, { headers: HEADERS }))).name).toBe('Kept Across');
    // Other sessions start from the fixtures, as always.
    expect((await json(await fetch(`${second.url}/users/me`, { headers: { ...HEADERS, 'x-mock-session': 'x' } }))).name).toBe('Alex Rivera');
    await stopWith(second, 'SIGTERM');
  });

  it('starts from the fixtures when the file does not exist yet, and creates it', async ({ onTestFinished }) => {
    const file = join(mkdtempSync(join(tmpdir(), 'whop-mock-state-')), 'new.json');
    const cli = await startCli(onTestFinished, [...QUIET, '--state-file', file]);
    expect((await json(await fetch(`${cli.url}/users/me`, { headers: HEADERS }))).name).toBe('Alex Rivera');
    await stopWith(cli, 'SIGTERM');
    expect(existsSync(file)).toBe(true);
  });

  it('refuses to start, in one line naming the file, record and field, when the saved world is not valid', async ({ onTestFinished }) => {
    const file = join(mkdtempSync(join(tmpdir(), 'whop-mock-state-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ users: [{ id: 'user_1' }] }));
    const exit = await runCli(onTestFinished, [...QUIET, '--state-file', file]);
    expect(exit.code).toBe(1);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file}: Invalid world: users: record 0 (user_1):`);
  });

  it('is refused with a Redis store, in one line', async ({ onTestFinished }) => {
    const exit = await runCli(onTestFinished, [...QUIET, '--state-file', '/tmp/x.json', '--store', 'redis://127.0.0.1:1/0']);
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim()).toMatch(/^whop-mock: stateFile \(--state-file\) keeps the memory store's default session across restarts; with a Redis store/);
  });
});

describe('--cursor-secret', () => {
  it('lets a cursor from before a restart page on after it', async ({ onTestFinished }) => {
    const secret = ['--cursor-secret', 'a-long-enough-secret'];
    const first = await startCli(onTestFinished, [...QUIET, ...secret]);
    const cursor = (await json(await fetch(`${first.url}/users?first=2`, { headers: HEADERS }))).page_info.end_cursor;
    await stopWith(first, 'SIGTERM');
    const second = await startCli(onTestFinished, [...QUIET, ...secret]);
    const next = await fetch(`${second.url}/users?first=2&after=${cursor}`, { headers: HEADERS });
    expect(next.status).toBe(200);
    const third = await startCli(onTestFinished, QUIET);
    const refused = await fetch(`${third.url}/users?first=2&after=${cursor}`, { headers: HEADERS });
    expect(refused.status).toBe(400);
    await Promise.all([stopWith(second, 'SIGTERM'), stopWith(third, 'SIGTERM')]);
  });

  it('must be 16 characters or more', async ({ onTestFinished }) => {
    const exit = await runCli(onTestFinished, [...QUIET, '--cursor-secret', 'short']);
    expect(exit.code).toBe(2);
    expect(exit.stderr.trim()).toBe('whop-mock: --cursor-secret must be 16 characters or more, got 5 (see --help)');
  });
});
