import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A fault rule is checked by a validator compiled with the spec's (FAULT_RULE_SCHEMA): with the
// shipped precompiled validators, adding one loads no Ajv compiler (whop-mock/browser, under a
// strict Content-Security-Policy, runs the same check: test/browser/).
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

describe('fault rules with precompiled validators', () => {
  it('are checked without loading the Ajv compiler', () => {
    const script = `
      import { createRequire } from 'node:module';
      const { createMock } = await import(${JSON.stringify(`${DIST}index.js`)});
      const mock = await createMock({ cacheDir: false });
      const session = mock.session('faults');
      const added = session.addFault({ operationId: 'retrieveUser', status: 403, delay_ms: 5 });
      let refused;
      try { session.addFault({ operationId: 'retrieveUser', delay_ms: 10 ** 9 }); } catch (error) { refused = error.message; }
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/]ajv[\\\\/]dist[\\\\/](core|2020|compile)/.test(k));
      console.log(JSON.stringify({ status: added.status, refused, loaded }));
      await mock.close();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ status: 403, refused: expect.stringMatching(/delay_ms.*must be <= 10000/), loaded: [] });
  });
});
