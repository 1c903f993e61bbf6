import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, stopWith } from '../support/cli-process.js';
import { VALID_USER } from './drifting-upstream.js';
import { startHostileUpstream, type HostileUpstream } from '../../scripts/support/hostile-upstream.mjs';

// `whop-mock proxy` as a process, in front of an upstream that misbehaves on purpose, named by a
// URL that carries credentials.
const HEADERS = { authorization: 'Bearer tok_hostile_cli_0123456789', 'api-version-date': '2026-07-20' };
const PASSWORD = 'PW_upstream_s3cret';

let upstream: HostileUpstream;
beforeAll(async () => {
  upstream = await startHostileUpstream({ user: VALID_USER, keepRequests: true });
});
afterAll(() => upstream.close());

describe('whop-mock proxy against a hostile upstream', () => {
  it('answers every hostile answer and stays up; the upstream password is shown nowhere', async ({ onTestFinished }) => {
    const report = join(mkdtempSync(join(tmpdir(), 'whop-mock-hostile-')), 'drift.json');
    const withCredentials = upstream.url.replace('http://', `http://admin:${PASSWORD}@`);
    const cli = await startCli(onTestFinished, ['proxy', '--upstream', withCredentials, '--port', '0', '--log-format', 'json', '--upstream-body-limit-bytes', '1MiB', '--drift-report', report]);
    const expected: Record<string, number> = { user_snowman: 200, user_crlf: 200, user_oddheader: 200, user_gzipbomb: 502, user_brbomb: 502, user_deep: 200, user_600: 502, user_101: 502 };
    for (const [id, status] of Object.entries(expected)) {
      const reply = await fetch(`${cli.url}/api/v1/users/${id}`, { headers: HEADERS });
      await reply.arrayBuffer();
      expect(`${id} ${reply.status}`).toBe(`${id} ${status}`);
      expect(reply.headers.get('x-mock-contract-violation') ?? '').toMatch(/^[\x20-\x7e]*$/);
    }
    expect((await fetch(`${cli.url}/__mock/health`)).status).toBe(200);

    const drift = (await (await fetch(`${cli.url}/__mock/drift`)).json()) as { upstream: string; summary: { requests: number } };
    expect(drift.upstream).toBe(upstream.url.replace('http://', 'http://***@'));
    expect(drift.summary.requests).toBe(Object.keys(expected).length);
    const journal = await (await fetch(`${cli.url}/__mock/requests`)).text();
    const exit = await stopWith(cli, 'SIGTERM');
    expect(exit.code).toBe(0);
    expect(cli.firstLine).toMatch(/^whop-mock \S+ listening on /);
    expect(cli.stdout()).toContain(`Proxy mode: forwarding to ${upstream.url.replace('http://', 'http://***@')};`);
    expect(cli.stdout()).toContain(`Drift against ${upstream.url.replace('http://', 'http://***@')}`);
    const written = readFileSync(report, 'utf8');
    for (const [where, text] of Object.entries({ stdout: cli.stdout(), stderr: cli.stderr(), journal, written })) expect(text, where).not.toContain(PASSWORD);
    expect(cli.stderr()).toBe('');
  });

  it('a bad --upstream with credentials is refused without printing them', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, ['proxy', '--upstream', `ftp://admin:${PASSWORD}@127.0.0.1/`, '--port', '0']).catch((error: Error) => error);
    expect(cli).toBeInstanceOf(Error);
    expect(String(cli)).toContain('must be an http(s) URL, got "ftp://***@127.0.0.1/"');
    expect(String(cli)).not.toContain(PASSWORD);
  });
});
