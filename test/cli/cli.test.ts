import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { describe, expect, it, type TestContext } from 'vitest';
import { runCli, startCli, stopWith, type Cli } from '../support/cli-process.js';

// The CLI as users run it: `node dist/bin/whop-mock.js` in a child process (`npm test` builds dist/ first).
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const TOKEN = 'tok_user_alex_full';

async function getMe(url: string): Promise<{ status: number; body: { username?: string } }> {
  const res = await fetch(`${url}/users/me`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: res.status, body: (await res.json()) as { username?: string } };
}

/** Everything the CLI prints on start, up to and including the operations list. */
async function bannerOf(cli: Cli): Promise<string> {
  for (let waited = 0; !/Operations:\n(.*\n)*.*\(retrieveMember/.test(cli.stdout()) && waited < 10_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return cli.stdout();
}

/** The one-line error contract for a CLI that refuses to start. */
function expectOneLineError(expect: TestContext['expect'], stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^whop-mock: /);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('whop-mock CLI: serving and stopping', () => {
  it('--port 0 prints the listening URL first, serves requests, and exits 0 on SIGTERM', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, ['--port', '0', '--log-level', 'silent']);
    expect(cli.firstLine).toBe(`whop-mock ${version} listening on ${cli.url}`);
    expect(cli.port).toBeGreaterThan(0);
    const me = await getMe(cli.url);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('alex');
    const exit = await stopWith(cli, 'SIGTERM');
    expect(exit, `stopped in ${exit.ms} ms`).toMatchObject({ code: 0, signal: null });
    expect(cli.stderr()).toBe('');
  });

  it('exits 0 on SIGINT (Ctrl-C in a terminal)', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, ['--port', '0', '--log-level', 'silent']);
    expect((await getMe(cli.url)).status).toBe(200);
    const exit = await stopWith(cli, 'SIGINT');
    expect(exit, `stopped in ${exit.ms} ms`).toMatchObject({ code: 0, signal: null });
  });

  it('answers a request waiting out a delay at once when SIGTERM arrives, then exits 0', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, ['--port', '0', '--log-level', 'silent']);
    const body = JSON.stringify({ name: 'In Flight' });
    const req = request(`${cli.url}/users/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), prefer: 'delay=10000' },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    req.end(body);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the server is waiting out the delay
    const stopping = stopWith(cli, 'SIGTERM', 5000);
    const res = await response;
    expect(res.status, res.text).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ name: 'In Flight' });
    const exit = await stopping;
    expect(exit, `stopped in ${exit.ms} ms`).toMatchObject({ code: 0, signal: null });
  });

  it('the start banner lists the versions and the Api-Version-Date values that select each', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, ['--port', '0', '--log-level', 'silent']);
    const banner = await bannerOf(cli);
    expect(banner).toContain('API versions (no Api-Version-Date header -> 2025-01-01; any other value -> 400):\n');
    expect(banner).toContain('\n  2025-01-01  <- Api-Version-Date 2025-01-01\n  2026-06-09  <- Api-Version-Date 2026-06-09, 2026-07-01, 2026-07-20\n');
    const nearest = await startCli(onTestFinished, ['--port', '0', '--log-level', 'silent'], { WHOP_MOCK_VERSION_DATES: 'nearest' });
    expect(await bannerOf(nearest)).toContain('any other date -> the newest version on or before it (--version-dates nearest)');
    const res = await fetch(`${nearest.url}/users/me`, { headers: { authorization: `Bearer ${TOKEN}`, 'api-version-date': '2026-07-02' } });
    expect(res.headers.get('api-version-date')).toBe('2026-06-09');
  });

  it('reads PORT from the environment', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, ['--log-level', 'silent'], { PORT: '0' });
    expect(cli.port).toBeGreaterThan(0);
    expect((await getMe(cli.url)).status).toBe(200);
    expect(await stopWith(cli, 'SIGTERM')).toMatchObject({ code: 0 });
  });

  it('refuses a port that is in use with one line saying so', async ({ onTestFinished }) => {
    const first = await startCli(onTestFinished, ['--port', '0', '--log-level', 'silent']);
    const second = await runCli(onTestFinished, ['--port', String(first.port), '--log-level', 'silent']);
    expect(second.code).not.toBe(0);
    expect(second.code).not.toBeNull();
    expect(expectOneLineError(expect, second.stderr)).toMatch(new RegExp(`port ${first.port}\\b.*in use`));
    expect((await getMe(first.url)).status).toBe(200); // the first server is unharmed
  });
});

// These processes are short-lived and independent: run them side by side.
describe.concurrent('whop-mock CLI: help, version and refusals', () => {
  it('--help exits 0 and lists the flags', async ({ expect, onTestFinished }) => {
    const result = await runCli(onTestFinished, ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--port');
    expect(result.stdout).toContain('--specs');
    expect(result.stdout).toContain('--help');
    expect(result.stderr).toBe('');
  });

  it('--version prints the package version', async ({ expect, onTestFinished }) => {
    const result = await runCli(onTestFinished, ['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.for<[string[], RegExp]>([
    [['--port', 'abc'], /--port/],
    [['--port', '99999'], /^whop-mock: --port must be a whole number/],
    [['--open-control', 'maybe'], /^whop-mock: --open-control must be one of/],
    [['--bogus'], /--bogus/],
    [['--validate-responses', 'loud'], /--validate-responses/],
    [['extra-argument'], /extra-argument/],
  ])('%j exits 2 with one line and no stack trace', async ([args, names], { expect, onTestFinished }) => {
    const result = await runCli(onTestFinished, args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(expectOneLineError(expect, result.stderr)).toMatch(names);
  });

  it('a bad PORT in the environment is refused the same way, naming PORT', async ({ expect, onTestFinished }) => {
    const result = await runCli(onTestFinished, [], { PORT: '99999' });
    expect(result.code).toBe(2);
    expect(expectOneLineError(expect, result.stderr)).toBe('whop-mock: PORT must be a whole number from 0 to 65535, got "99999" (see --help)');
  });

  it('a bad boolean in the environment names the variable', async ({ expect, onTestFinished }) => {
    const result = await runCli(onTestFinished, [], { WHOP_MOCK_OPEN_CONTROL: 'maybe' });
    expect(result.code).toBe(2);
    expect(expectOneLineError(expect, result.stderr)).toMatch(/^whop-mock: WHOP_MOCK_OPEN_CONTROL must be one of true, 1, yes, false, 0, no, got "maybe"/);
  });

  it.for(['--specs', '--fixtures'])('%s /nonexistent exits non-zero with one line naming the folder', async (flag, { expect, onTestFinished }) => {
    const result = await runCli(onTestFinished, [flag, '/nonexistent/whop-mock-folder', '--port', '0', '--log-level', 'silent']);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stdout).toBe('');
    expect(expectOneLineError(expect, result.stderr)).toContain('/nonexistent/whop-mock-folder');
  });
});

describe('whop-mock --help', () => {
  it('aligns every description in one column, however long the flag name', async ({ onTestFinished }) => {
    const { stdout } = await runCli(onTestFinished, ['--help']);
    const rows = stdout.split('\n').filter((line) => /^ {2}-/.test(line));
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.some((line) => line.startsWith('  --help, -h '))).toBe(true);
    // Where each row's description starts: after the flag name (or names: `--help, -h`) and the spaces that follow.
    const columns = new Set(rows.map((line) => /^ {2}-[^\s,]*(?:, -\S+)? +/.exec(line)?.[0].length));
    expect(columns.size).toBe(1);
    expect(stdout).toContain('--keep-alive-timeout-seconds');
    expect(stdout).toContain('--upstream-body-limit-bytes');
  });
});
