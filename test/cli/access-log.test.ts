import { spawn } from 'node:child_process';
import { describe, expect, it, type TestContext } from 'vitest';
import { CLI } from '../support/cli-process.js';

// The access log as users get it from the CLI: batched writes to stdout, flushed on SIGTERM.
const SECRET = 'tok_not_a_fixture_secret_42';

async function run(cleanup: TestContext['onTestFinished'], args: string[]): Promise<string[]> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('WHOP_MOCK_') && key !== 'PORT' && key !== 'HOST'));
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup(() => void child.kill('SIGKILL'));
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening within 15 s: ${out}`)), 15_000);
    child.stdout.on('data', () => {
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[1] as string);
      }
    });
  });
  const send = (path: string, token: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  expect(await send('/users/me', 'tok_user_alex_full')).toBe(200);
  expect(await send('/users/nobody', 'tok_user_alex_full')).toBe(404);
  expect(await send('/users/me', SECRET)).toBe(401);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return out.split('\n').filter((line) => line !== '');
}

describe('the access log (default --log-level info)', () => {
  it('is one JSON line per request when stdout is not a terminal, all written by the time the process exits', async ({ onTestFinished }) => {
    const lines = await run(onTestFinished, []);
    const requests = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/users/me', 200],
      ['GET', '/users/nobody', 404],
      ['GET', '/users/me', 401],
    ]);
    expect(requests[0]).toMatchObject({ level: 'info', version: '2025-01-01', operation: 'retrieveUser' });
    expect(requests[0]).not.toHaveProperty('code');
    expect(requests[1]).toMatchObject({ code: 'resource_not_found' });
    expect(requests[2]).toMatchObject({ code: 'unauthorized' });
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('is one readable line per request with --log-format pretty (no colours off a terminal)', async ({ onTestFinished }) => {
    const lines = await run(onTestFinished, ['--log-format', 'pretty']);
    const requests = lines.filter((line) => /^\d\d:\d\d:\d\d\.\d{3} /.test(line));
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} GET {4}\/users\/me 200 2025-01-01 \d+\.\d ms$/);
    // The error code ends the line of a refused request.
    expect(requests[1]).toMatch(/ GET {4}\/users\/nobody 404 2025-01-01 \d+\.\d ms resource_not_found$/);
    expect(requests[2]).toMatch(/ GET {4}\/users\/me 401 2025-01-01 \d+\.\d ms unauthorized$/);
    expect(lines.join('\n')).not.toContain('\u001b[');
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
