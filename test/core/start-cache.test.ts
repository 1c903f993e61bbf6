import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearProcessCache } from '../../src/bundle/process-cache.js';
import type { MockServer, MockServerOptions } from '../../src/index.js';
import { call, copyOf, editFile, LATEST, startMock } from '../support/mock.js';

// What is built at start (compiled specs, validators, the checked base world) is reused: within
// a process for a second server, and across processes through the compiled-spec cache. These
// tests hold the two promises that come with it: a change to any input is never served from a
// cache, and two servers never share anything a request can change.

interface StartLine {
  specs: string;
  records: string;
  world: string;
}

/** Starts a server and reads how it got its specs, records and world (its debug start-up line). */
async function started(options: MockServerOptions): Promise<{ server: MockServer; from: StartLine }> {
  const lines: string[] = [];
  const server = await startMock({ ...options, logLevel: 'debug', log: (line) => lines.push(line) });
  const line = lines.map((l) => JSON.parse(l) as { msg: string } & StartLine).find((l) => l.msg === 'start-up inputs');
  if (!line) throw new Error(`no start-up line in ${lines.join('\n')}`);
  return { server, from: { specs: line.specs, records: line.records, world: line.world } };
}

const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `whop-mock-${name}-`));

describe('a second server in the same process', () => {
  let a: MockServer;
  let b: MockServer;
  let second: StartLine;
  beforeAll(async () => {
    a = (await started({})).server;
    ({ server: b, from: second } = await started({}));
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('reuses the compiled specs, the record validators and the base world', () => {
    expect(second).toEqual({ specs: 'memory', records: 'memory', world: 'memory' });
  });

  it('never sees the first one\'s writes, seeded records, tokens, journal or faults', async () => {
    const patched = await call(a, { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', version: LATEST, body: { bio: 'only in a' } });
    expect(patched.status).toBe(200);
    expect((await call(a, { path: '/users/me', token: 'tok_user_alex_full' })).body.bio).toBe('only in a');
    expect((await call(b, { path: '/users/me', token: 'tok_user_alex_full' })).body.bio).not.toBe('only in a');

    const token = a.session('shared-name').registerToken({ kind: 'user_oauth_token', user_id: 'user_alex123', scopes: ['user:profile:read'] });
    const headers = a.session('shared-name').headers;
    expect((await call(a, { path: '/users/me', token, headers })).status).toBe(200);
    expect((await call(b, { path: '/users/me', token, headers })).status).toBe(401);

    a.session('shared-name').addFault({ operationId: 'retrieveUser', status: 500 });
    expect((await call(a, { path: '/users/me', token: 'tok_user_alex_full', headers })).status).toBe(500);
    expect((await call(b, { path: '/users/me', token: 'tok_user_alex_full', headers })).status).toBe(200);
    expect(b.session('shared-name').faults()).toEqual([]);
    expect(b.session('shared-name').requests().map((r) => r.status)).toEqual([401, 200]);
    expect(a.session('shared-name').requests().map((r) => r.status)).toEqual([200, 500]);

    const seeded = a.session('shared-name').seedCompany({ id: 'biz_onlyina', title: 'Only A', route: 'only-a', created_at: '2026-01-01T00:00:00Z' });
    expect(seeded.id).toBe('biz_onlyina');
    expect(b.session('shared-name').state().companies.map((c) => c.id)).not.toContain('biz_onlyina');
  });
});

describe('the compiled-spec cache on disk', () => {
  it('compiles once, then starts from the cache; an edited spec is compiled again, never served from it', async () => {
    const specs = copyOf('specs');
    const cacheDir = tempDir('cache');
    clearProcessCache();
    let s = await started({ specs, cacheDir });
    expect(s.from.specs).toBe('compiled');
    await s.server.close();
    expect(readdirSync(cacheDir).some((f) => f.startsWith('specs-'))).toBe(true);

    clearProcessCache();
    s = await started({ specs, cacheDir });
    expect(s.from.specs).toBe('cache');
    expect(Object.keys(s.server.versionDates)).not.toContain('2026-08-03');
    await s.server.close();

    editFile(join(specs, '2026-06-09.yaml'), (text) => text.replace(/x-api-version-dates:\s*\[/, "x-api-version-dates: ['2026-08-03', "));
    clearProcessCache();
    s = await started({ specs, cacheDir });
    expect(s.from.specs).toBe('compiled');
    expect(s.server.versionDates['2026-08-03']).toBe('2026-06-09');
    expect((await call(s.server, { path: '/users/me', token: 'tok_user_alex_full', version: '2026-08-03' })).status).toBe(200);
    await s.server.close();

    clearProcessCache();
    s = await started({ specs, cacheDir });
    expect(s.from.specs).toBe('cache');
    expect(s.server.versionDates['2026-08-03']).toBe('2026-06-09');
    await s.server.close();
  });

  it('a broken spec still stops start-up naming the file, whatever is cached', async () => {
    const specs = copyOf('specs');
    const cacheDir = tempDir('cache');
    await (await started({ specs, cacheDir })).server.close();
    editFile(join(specs, '2025-01-01.yaml'), (text) => text.replace('openapi: 3.1.0', 'openapi: [3.1.0'));
    await expect(startMock({ specs, cacheDir })).rejects.toThrow(/2025-01-01\.yaml: not valid YAML/);
  });

  it('a damaged or foreign cache file is a miss, never an error', async () => {
    const specs = copyOf('specs');
    const cacheDir = tempDir('cache');
    clearProcessCache();
    await (await started({ specs, cacheDir })).server.close();
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), name.startsWith('specs-') ? '{"key":"specs:other","artifact":{}}' : '{ not json');
    clearProcessCache();
    const s = await started({ specs, cacheDir });
    expect(s.from).toMatchObject({ specs: 'compiled', records: 'compiled' });
    expect((await call(s.server, { path: '/users/me', token: 'tok_user_alex_full' })).status).toBe(200);
    await s.server.close();
  });

  it('cacheDir: false writes nothing', async () => {
    const specs = copyOf('specs');
    editFile(join(specs, '2025-01-01.yaml'), (text) => text.replace(/title: .*/, 'title: not cached'));
    clearProcessCache();
    const s = await started({ specs, cacheDir: false });
    expect(s.from.specs).toBe('compiled');
    await s.server.close();
  });
});

describe('the base world is reused only for the same fixture files', () => {
  it('an edited fixture is loaded and checked again', async () => {
    const fixtures = copyOf('fixtures');
    const first = await started({ fixtures });
    await first.server.close();
    const again = await started({ fixtures });
    expect(again.from.world).toBe('memory');
    await again.server.close();

    editFile(join(fixtures, 'users.json'), (text) => text.replace('"name": "Alex Rivera"', '"name": "Alexandra Rivera"'));
    const edited = await started({ fixtures });
    expect(edited.from.world).toBe('built');
    expect((await call(edited.server, { path: '/users/me', token: 'tok_user_alex_full' })).body.name).toBe('Alexandra Rivera');
    await edited.server.close();

    editFile(join(fixtures, 'users.json'), (text) => text.replace('"username": "alex"', '"username": "alex with spaces"'));
    await expect(startMock({ fixtures })).rejects.toThrow(/users\.json: record 0 \(user_alex123\): \/username/);
  });

  it('generated users are part of the key: another count or seed builds another world', async () => {
    const a = await started({ generateUsers: 30, seed: 4 });
    const b = await started({ generateUsers: 30, seed: 5 });
    expect(b.from.world).toBe('built');
    const names = async (server: MockServer) => (await call(server, { path: '/users?first=50', token: 'tok_user_alex_full' })).body.data.map((u: { id: string }) => u.id);
    expect(await names(a.server)).not.toEqual(await names(b.server));
    await a.server.close();
    await b.server.close();
  });
});
