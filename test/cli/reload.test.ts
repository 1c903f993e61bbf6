import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cleanEnv, startCli } from '../support/cli-process.js';
import { copyOf, editFile } from '../support/mock.js';

// Reloading the CLI as people run it: SIGHUP, and --watch, which is on when stdout is a terminal.
const TOKEN = 'tok_user_alex_full';

const alexName = async (url: string) => ((await (await fetch(`${url}/users/user_alex123`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { name: string }).name;

async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SIGHUP', () => {
  it('reloads the fixtures; a broken one is one error line and the previous world keeps serving', async ({ onTestFinished }) => {
    const fixtures = copyOf('fixtures');
    const cli = await startCli(onTestFinished, ['--port', '0', '--fixtures', fixtures, '--log-format', 'json']);
    expect(cli.stdout()).not.toContain('Watching');
    editFile(join(fixtures, 'users.json'), (text) => text.replace('"name": "Alex Rivera"', '"name": "Alex Hup"'));
    cli.child.kill('SIGHUP');
    await until(async () => (await alexName(cli.url)) === 'Alex Hup');
    expect(await alexName(cli.url)).toBe('Alex Hup');
    editFile(join(fixtures, 'users.json'), (text) => text.replace('"id": "user_alex123"', '"id": "not a user id"'));
    cli.child.kill('SIGHUP');
    await until(() => cli.stdout().includes('reload failed'));
    const failed = cli.stdout().split('\n').filter((line) => line.includes('reload failed'));
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0] as string)).toMatchObject({ level: 'error', trigger: 'SIGHUP', msg: expect.stringMatching(/users\.json: record 0/) });
    expect(cli.child.exitCode).toBeNull();
    expect(await alexName(cli.url)).toBe('Alex Hup');
    const health = (await (await fetch(`${cli.url}/__mock/health`)).json()) as { reload: { error: string } };
    expect(health.reload.error).toMatch(/users\.json: record 0/);
  });
});

describe('--watch at a terminal (run under script(1), which gives it a pseudo-terminal)', () => {
  function inTerminal(onTestFinished: (fn: () => void) => void, args: string[]) {
    const command = [process.execPath, CLI, '--port', '0', ...args].map((arg) => `'${arg}'`).join(' ');
    // An ordinary colour terminal: Node's colour detection reads a CI variable as "2 colours" and
    // honours NO_COLOR, so those are not passed on (CI sets CI=true).
    const env = cleanEnv({ TERM: 'xterm-256color' });
    for (const key of ['CI', 'NO_COLOR', 'NODE_DISABLE_COLORS', 'FORCE_COLOR']) delete env[key];
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    onTestFinished(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    return { output: () => out, url: async () => (await until(() => /listening on http/.test(out)), /listening on (http:\/\/[\d.:]+)/.exec(out)?.[1] as string) };
  }

  it('watches by default: an edited fixture is served without a signal, and each request is a coloured line', async ({ onTestFinished }) => {
    const fixtures = copyOf('fixtures');
    const term = inTerminal(onTestFinished, ['--fixtures', fixtures]);
    const url = await term.url();
    await until(() => term.output().includes('Watching the specs and fixtures folders'));
    expect(term.output()).toContain(`Inspector: ${url}/__mock/`);
    editFile(join(fixtures, 'users.json'), (text) => text.replace('"name": "Alex Rivera"', '"name": "Alex Watched"'));
    await until(async () => (await alexName(url)) === 'Alex Watched');
    expect(await alexName(url)).toBe('Alex Watched');
    await fetch(`${url}/users/nobody`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await until(() => term.output().includes('/users/nobody'));
    // Status coloured by class (404: yellow), the error code at the end.
    expect(term.output()).toMatch(/GET {4}\/users\/nobody \u001b\[33m404\u001b\[0m .*resource_not_found/);
    expect(term.output()).toMatch(/reloaded the specs and fixtures/);
  });

  it('--watch=false turns it off at a terminal', async ({ onTestFinished }) => {
    const term = inTerminal(onTestFinished, ['--watch=false']);
    await term.url();
    await until(() => term.output().includes('Operations:'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(term.output()).not.toContain('Watching');
  });
});
