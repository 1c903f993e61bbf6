import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { startCli, stopWith } from '../support/cli-process.js';
import { startMock } from '../support/mock.js';
import { VALID_USER, startDriftingUpstream } from './drifting-upstream.js';

// `whop-mock proxy` as users run it: a child process in front of a drifting upstream on loopback.
const TOKEN = 'tok_live_cli_secret_0123456789';
const QUERY_SECRET = 'qs_secret_value_98765';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'api-version-date': '2026-07-20' };
const PRIVATE = ['dee.rift@private.example', '+4915112345678'];

describe('whop-mock proxy (the CLI)', () => {
  let upstream: Awaited<ReturnType<typeof startDriftingUpstream>>;
  beforeAll(async () => {
    upstream = await startDriftingUpstream();
  });
  afterAll(() => {
    upstream.server.closeAllConnections();
    upstream.server.close();
  });

  it('forwards secrets untouched but keeps them out of the journal, the log, the shutdown summary and --drift-report', async ({ onTestFinished }) => {
    const report = join(mkdtempSync(join(tmpdir(), 'whop-mock-cli-drift-')), 'drift.json');
    const cli = await startCli(onTestFinished, ['proxy', '--upstream', upstream.url, '--port', '0', '--log-format', 'json', '--upstream-timeout-ms', '400', '--drift-report', report]);
    const get = (path: string) => fetch(`${cli.url}/api/v1${path}`, { headers: HEADERS });

    const drifted = await get(`/users/user_wrongtype?access_token=${QUERY_SECRET}`);
    expect(drifted.status).toBe(200);
    expect(drifted.headers.get('x-mock-contract-violation')).toMatch(/^\/name type:/);
    expect(upstream.requests.at(-1)).toMatchObject({ url: `/api/v1/users/user_wrongtype?access_token=${QUERY_SECRET}`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect((await get(`/members?company_id=biz_drift&api_key=${QUERY_SECRET}`)).status).toBe(200);
    const slow = await get('/users/user_slow');
    expect(slow.status).toBe(504);
    expect(((await slow.json()) as { error: { code: string } }).error).toMatchObject({ type: 'mock_upstream_error', code: 'upstream_timeout' });

    const journal = await (await fetch(`${cli.url}/__mock/requests`)).text();
    const drift = await (await fetch(`${cli.url}/__mock/drift`)).text();
    expect(journal).toContain('[redacted');
    expect(JSON.parse(drift).summary).toMatchObject({ requests: 3, forwarded: 3, upstream_failures: 1 });

    const exit = await stopWith(cli, 'SIGTERM');
    expect(exit.code).toBe(0);
    const output = cli.stdout() + cli.stderr();
    expect(output).toContain('DRIFT 2026-06-09 retrieveUser');
    expect(output).toMatch(/1× \/name type:/);
    const warned = cli.stdout().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.msg === 'response violates the spec');
    expect(warned).toMatchObject({ level: 'warn', method: 'GET', pointer: '/name', status: 200 });
    const written = readFileSync(report, 'utf8');
    expect(JSON.parse(written).summary.requests).toBe(3);
    for (const [where, text] of Object.entries({ journal, drift, output, written })) {
      for (const secret of [TOKEN, QUERY_SECRET, ...PRIVATE]) expect(text, `${where} holds ${secret}`).not.toContain(secret);
    }
  });

  it('a recorded record that would not pass the fixture checks is left out of the write and named in a warning', async ({ onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), 'whop-mock-cli-record-'));
    const cli = await startCli(onTestFinished, ['proxy', '--upstream', upstream.url, '--port', '0', '--log-format', 'json', '--record', dir]);
    expect((await fetch(`${cli.url}/api/v1/users/user_wrongtype`, { headers: HEADERS })).status).toBe(200);
    expect((await stopWith(cli, 'SIGTERM')).code).toBe(0);
    const lines = jsonLines(cli.stdout() + cli.stderr());
    expect(lines.find((line) => line.level === 'warn' && String(line.msg).includes('left out'))).toMatchObject({ msg: expect.stringContaining(`proxy: recording into ${dir} left out a record`), error: `${join(dir, 'users.json')}: record 0 (user_drift1): /name must be string or null, got 42` });
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    // What is left (the token that was used) is written, and starts.
    expect(JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8'))).toHaveLength(1);
    await (await startMock({ fixtures: dir })).close();
  });

  it('the rest of a recording is written without the record that fails the checks, and that record comes back once an answer mends it', async ({ onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), 'whop-mock-cli-record-'));
    const cli = await startCli(onTestFinished, ['proxy', '--upstream', upstream.url, '--port', '0', '--log-format', 'json', '--record', dir]);
    for (const id of ['user_drift2', 'user_wrongtype']) expect((await fetch(`${cli.url}/api/v1/users/${id}`, { headers: HEADERS })).status).toBe(200);
    const users = () => (JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as Array<{ id: string; name: unknown }>).map((user) => user.id).sort();
    // Written a second after the last answer: wait for it (bounded).
    for (let tries = 0; tries < 100 && !readdirSync(dir).includes('users.json'); tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(users()).toEqual(['user_drift2']);
    // A valid answer for the left-out user mends it: the next write has both.
    expect((await fetch(`${cli.url}/api/v1/users/user_drift1`, { headers: HEADERS })).status).toBe(200);
    expect((await stopWith(cli, 'SIGTERM')).code).toBe(0);
    expect(users()).toEqual(['user_drift1', 'user_drift2']);
    expect(jsonLines(cli.stdout() + cli.stderr()).filter((line) => line.level === 'warn' && String(line.msg).includes('left out'))).toHaveLength(1);
    const served = await startMock({ fixtures: dir });
    await served.close();
  });

  it('a written record that a later answer breaks keeps its last written version, and one warning says so however often the answer comes', async ({ onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), 'whop-mock-cli-record-'));
    const first = await startCli(onTestFinished, ['proxy', '--upstream', upstream.url, '--port', '0', '--log-level', 'silent', '--record', dir]);
    for (const id of ['user_drift1', 'user_drift2']) expect((await fetch(`${first.url}/api/v1/users/${id}`, { headers: HEADERS })).status).toBe(200);
    expect((await stopWith(first, 'SIGTERM')).code).toBe(0);
    const written = readFileSync(join(dir, 'users.json'), 'utf8');
    const second = await startCli(onTestFinished, ['proxy', '--upstream', upstream.url, '--port', '0', '--log-format', 'json', '--record', dir]);
    for (let i = 0; i < 3; i += 1) {
      expect((await fetch(`${second.url}/api/v1/users/user_wrongtype`, { headers: HEADERS })).status).toBe(200);
      // Past the write a second after the last answer, so each answer meets a write of its own.
      await new Promise((resolve) => setTimeout(resolve, 1300));
    }
    expect((await stopWith(second, 'SIGTERM')).code).toBe(0);
    const users = JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as Array<{ id: string; name: unknown }>;
    expect(users.map((user) => [user.id, user.name]).sort()).toEqual([
      ['user_drift1', 'Dee Rift'],
      ['user_drift2', 'Dee Two'],
    ]);
    expect(readFileSync(join(dir, 'users.json'), 'utf8')).toBe(written);
    const warnings = jsonLines(second.stdout() + second.stderr()).filter((line) => line.level === 'warn' && String(line.msg).includes('would not pass'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ msg: expect.stringContaining('kept the last written version of a record'), error: expect.stringContaining('(user_drift1)') });
  });

  it('a record already in the folder that fails the checks stops the write (a recording is never shrunk by them), and the error names it', async ({ onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), 'whop-mock-cli-record-'));
    const before = `${JSON.stringify([{ ...VALID_USER, id: 'user_old', username: 'old', name: 42 }], null, 2)}\n`;
    writeFileSync(join(dir, 'users.json'), before);
    const cli = await startCli(onTestFinished, ['proxy', '--upstream', upstream.url, '--port', '0', '--log-format', 'json', '--record', dir]);
    expect((await fetch(`${cli.url}/api/v1/users/user_drift2`, { headers: HEADERS })).status).toBe(200);
    expect((await stopWith(cli, 'SIGTERM')).code).toBe(0);
    const failed = jsonLines(cli.stdout() + cli.stderr()).find((line) => line.level === 'error');
    expect(failed).toMatchObject({ msg: `proxy: recording into ${dir} failed`, error: expect.stringContaining('(user_old)') });
    expect(readFileSync(join(dir, 'users.json'), 'utf8')).toBe(before);
  });

  it('a down upstream is a 502 envelope, and the process keeps serving', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, ['proxy', '--upstream', 'http://127.0.0.1:1/api/v1', '--port', '0', '--log-level', 'silent']);
    for (let i = 0; i < 2; i += 1) {
      const reply = await fetch(`${cli.url}/api/v1/users/me`, { headers: HEADERS });
      expect(reply.status).toBe(502);
      expect(((await reply.json()) as { error: unknown }).error).toMatchObject({ type: 'mock_upstream_error', code: 'upstream_unreachable', param: null });
    }
    expect((await stopWith(cli, 'SIGTERM')).code).toBe(0);
  });
});

describe('--record-raw', () => {
  let upstream: MockServer;
  const dir = mkdtempSync(join(tmpdir(), 'whop-mock-record-raw-'));
  const user = { authorization: 'Bearer tok_user_alex_full', 'api-version-date': '2026-07-20' };
  const key = { authorization: 'Bearer tok_key_pixelforge_full', 'api-version-date': '2026-07-20' };
  beforeAll(async () => {
    upstream = await startMock();
  });
  afterAll(() => upstream.close());

  it('records emails, phones and tokens as they came, and the recording answers byte for byte as the upstream did', async () => {
    const proxy = await startMock({ mode: 'proxy', upstream: `${upstream.url}/api/v1`, record: dir, recordRaw: true });
    const reads: Array<[string, Record<string, string>]> = [['/api/v1/users/me', user], ['/api/v1/members/mber_pf02maya', key]];
    const seen: string[] = [];
    try {
      for (const [path, headers] of reads) seen.push(await (await fetch(`${proxy.url}${path}`, { headers })).text());
    } finally {
      await proxy.close();
    }
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const maya = JSON.parse(seen[1] as string) as { user: { email: string }; phone: string };
    expect(maya.user.email).toMatch(/@/);
    for (const raw of ['tok_user_alex_full', 'tok_key_pixelforge_full', maya.user.email, maya.phone]) expect(files).toContain(raw);
    expect(files).not.toMatch(/tok_rec_|user-[0-9a-f]{12}@example\.com/);
    const served = await startMock({ fixtures: dir });
    try {
      for (const [index, [path, headers]] of reads.entries()) expect(await (await fetch(`${served.url}${path}`, { headers })).text(), path).toBe(seen[index]);
    } finally {
      await served.close();
    }
  });
});

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}
