import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { CLI } from '../support/cli-process.js';
import { copyOf, editFile } from '../support/mock.js';

// The shipped start path, as users run it (`node dist/bin/whop-mock.js`; `npm test` builds dist/ first, and
// the build precompiles the bundled specs into dist/precompiled/).

/** Starts the CLI at debug level and returns how it got its specs, records and world; then stops it. */
async function startLine(cleanup: TestContext['onTestFinished'], args: string[]): Promise<Record<string, unknown>> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('WHOP_MOCK_') && key !== 'PORT' && key !== 'HOST'));
  const child = spawn(process.execPath, [CLI, '--port', '0', '--log-level', 'debug', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup(() => void child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line within 15 s; stdout: ${out}; stderr: ${err}`)), 15_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.includes('"start-up inputs"'));
      if (line === undefined || !out.includes('listening on')) return;
      clearTimeout(timer);
      child.kill('SIGTERM');
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.on('exit', (code) => code !== 0 && code !== null && reject(new Error(`exited ${code}: ${err}`)));
  });
}

describe('whop-mock from dist/', () => {
  it('starts the bundled specs from their precompiled validators (no compiling, no YAML parsing)', async ({ onTestFinished }) => {
    const line = await startLine(onTestFinished, ['--cache-dir', 'off']);
    expect(line).toMatchObject({ specs: 'precompiled', records: 'precompiled', world: 'built' });
  });

  it('compiles specs that differ from the shipped ones, caches them, and starts from the cache next time', async ({ onTestFinished }) => {
    const specs = copyOf('specs');
    editFile(join(specs, '2025-01-01.yaml'), (text) => text.replace(/title: .*/, 'title: edited by a test'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'whop-mock-cli-cache-'));
    expect(await startLine(onTestFinished, ['--specs', specs, '--cache-dir', cacheDir])).toMatchObject({ specs: 'compiled', records: 'precompiled' });
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('specs-'))).toHaveLength(1);
    expect(await startLine(onTestFinished, ['--specs', specs, '--cache-dir', cacheDir])).toMatchObject({ specs: 'cache' });
  });

  it('an unchanged copy of the bundled specs, anywhere, is the same specs: precompiled', async ({ onTestFinished }) => {
    expect(await startLine(onTestFinished, ['--specs', copyOf('specs'), '--cache-dir', 'off'])).toMatchObject({ specs: 'precompiled' });
  });
});
