import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, copyOf, editFile, envelopeOf, LATEST, startMock } from '../support/mock.js';

// Hot reload: a developer edits fixtures/ or specs/ while the mock runs, and sees the change on
// the next request, or sees why not while the previous world keeps serving.
const TOKEN = 'tok_user_alex_full';
const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Parameters<typeof startMock>[0] = {}): Promise<{ server: MockServer; fixtures: string; logs: string[] }> {
  const fixtures = copyOf('fixtures');
  const logs: string[] = [];
  const server = await startMock({ fixtures, logLevel: 'info', logFormat: 'json', log: (line) => logs.push(line), ...options });
  servers.push(server);
  return { server, fixtures, logs };
}

const rename = (fixtures: string, from: string, to: string) => editFile(join(fixtures, 'users.json'), (text) => text.replace(`"name": "${from}"`, `"name": "${to}"`));
const alexName = async (server: MockServer, session?: string) =>
  (await call(server, { path: '/users/user_alex123', token: TOKEN, headers: session ? { 'x-mock-session': session } : {} })).body.name as string;
const reload = (server: MockServer) => call(server, { method: 'POST', path: '/__mock/reload' });

describe('POST /__mock/reload', () => {
  it('serves an edited fixture from the next request on', async () => {
    const { server, fixtures } = await start();
    expect(await alexName(server)).toBe('Alex Rivera');
    rename(fixtures, 'Alex Rivera', 'Alex Edited');
    const reply = await reload(server);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ reloaded: true, changed: true, duration_ms: expect.any(Number) });
    expect(await alexName(server)).toBe('Alex Edited');
    const health = (await call(server, { path: '/__mock/health' })).body;
    expect(health.reload).toMatchObject({ count: 1, error: null, last: { ok: true, changed: true, trigger: 'POST /__mock/reload' } });
  });

  it('keeps serving the previous world when a fixture is broken, says why in one line (log, answer, health), and recovers', async () => {
    const { server, fixtures, logs } = await start();
    rename(fixtures, 'Alex Rivera', 'Alex Before');
    expect((await reload(server)).status).toBe(200);
    // A record that breaks the records schema: the same check, and the same message, as start-up.
    editFile(join(fixtures, 'users.json'), (text) => text.replace('"username": "alex"', '"username": 42'));
    const refused = await reload(server);
    expect(refused.status).toBe(422);
    const error = envelopeOf(refused);
    expect(error.code).toBe('mock_reload_failed');
    expect(error.message).toMatch(/users\.json: record 0 \(user_alex123\): \/username/);
    expect(await alexName(server)).toBe('Alex Before');
    const health = (await call(server, { path: '/__mock/health' })).body;
    expect(health.reload.error).toMatch(/users\.json: record 0 \(user_alex123\): \/username/);
    expect(health.reload.last).toMatchObject({ ok: false });
    const failures = logs.map((line) => JSON.parse(line)).filter((line) => line.level === 'error');
    expect(failures).toHaveLength(1);
    expect(failures[0].msg).toMatch(/^reload failed, still serving the previous specs and fixtures: .*users\.json: record 0/);
    expect(failures[0].msg).not.toContain('\n');
    // Not JSON at all: still one line, still the previous world.
    editFile(join(fixtures, 'users.json'), (text) => `${text.slice(0, 40)}`);
    expect((await reload(server)).status).toBe(422);
    expect(await alexName(server)).toBe('Alex Before');
    // Fixed: served, and the error is gone from health.
    writeFileSync(join(fixtures, 'users.json'), readFileSync(join(process.cwd(), 'fixtures', 'users.json'), 'utf8').replace('"name": "Alex Rivera"', '"name": "Alex Fixed"'));
    expect((await reload(server)).status).toBe(200);
    expect(await alexName(server)).toBe('Alex Fixed');
    expect((await call(server, { path: '/__mock/health' })).body.reload.error).toBeNull();
  });

  it('reloads an edited spec, and refuses a broken one while the previous specs keep serving', async () => {
    const specs = copyOf('specs');
    const { server } = await start({ specs });
    const probe = () => call(server, { path: '/users/user_alex123', token: TOKEN, version: '2026-08-01' });
    expect((await probe()).status).toBe(400);
    editFile(join(specs, '2026-06-09.yaml'), (text) => text.replace(/x-api-version-dates:\s*\[/, "x-api-version-dates: ['2026-08-01', "));
    const reply = await reload(server);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect((await probe()).status).toBe(200);
    expect(server.versionDates['2026-08-01']).toBe(LATEST);
    editFile(join(specs, '2026-06-09.yaml'), (text) => text.replace('openapi: 3.1.0', 'openapi: 3.1.0\npaths: [oops'));
    const refused = await reload(server);
    expect(refused.status).toBe(422);
    expect(envelopeOf(refused).message).toMatch(/2026-06-09\.yaml/);
    expect((await probe()).status).toBe(200);
  });

  it('is a no-op when nothing changed: sessions keep what they wrote', async () => {
    const { server } = await start();
    await call(server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { name: 'Written' } });
    const reply = await reload(server);
    expect(reply.body).toMatchObject({ reloaded: true, changed: false });
    expect(await alexName(server)).toBe('Written');
  });
});

describe('sessions across a reload', () => {
  it('every session starts again from the new fixtures; journals and fault rules stay', async () => {
    const { server, fixtures } = await start();
    const writer = server.session('writer');
    await call(server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { bio: 'mine' }, headers: writer.headers });
    writer.addFault({ operationId: 'retrieveMember', status: 500 });
    expect(await alexName(server, 'reader')).toBe('Alex Rivera');
    rename(fixtures, 'Alex Rivera', 'Alex New');
    await server.reload();
    expect(await alexName(server, 'reader')).toBe('Alex New');
    expect(await alexName(server, 'writer')).toBe('Alex New');
    const me = await call(server, { path: '/users/me', token: TOKEN, headers: writer.headers });
    expect(me.body.bio).toBe('Building communities on Whop.');
    expect(writer.faults()).toHaveLength(1);
    expect(writer.requests().map((entry) => entry.method)).toEqual(['PATCH', 'GET', 'GET']);
  });

  it('a request in flight finishes on the world it began with', async () => {
    const { server, fixtures } = await start();
    const slow = call(server, { path: '/users/user_alex123', token: TOKEN, headers: { prefer: 'delay=600' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    rename(fixtures, 'Alex Rivera', 'Alex After');
    await server.reload();
    expect(await alexName(server)).toBe('Alex After');
    const answered = await slow;
    expect(answered.status).toBe(200);
    expect(answered.body.name).toBe('Alex Rivera');
  });

  it('server.reload() rejects with the one-line error and changes nothing', async () => {
    const { server, fixtures } = await start();
    editFile(join(fixtures, 'tokens.json'), (text) => text.replace('"user:profile:update"', '"user:profle:update"'));
    await expect(server.reload()).rejects.toThrow(/tokens\.json: record \d+ \(tok_\w+\): \/scopes\/\d+ "user:profle:update" is not a scope/);
    expect(server.reloadStatus().error).toMatch(/user:profle:update/);
    expect(await alexName(server)).toBe('Alex Rivera');
  });
});

describe('proxy mode', () => {
  it('refuses a reload: the proxy and its drift report are built on the specs of the start', async () => {
    const upstream = await startMock();
    servers.push(upstream);
    const { server } = await start({ mode: 'proxy', upstream: `${upstream.url}/api/v1` });
    const refused = await reload(server);
    expect(refused.status).toBe(422);
    expect(envelopeOf(refused).message).toMatch(/reload is for mock mode/);
  });
});

describe('--watch (watch: true)', () => {
  it('reloads on its own when a fixture file changes, and not at all without watch', async () => {
    const watched = await start({ watch: true });
    const unwatched = await start();
    rename(watched.fixtures, 'Alex Rivera', 'Alex Watched');
    rename(unwatched.fixtures, 'Alex Rivera', 'Alex Watched');
    let name = '';
    for (let waited = 0; waited < 8000 && name !== 'Alex Watched'; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      name = await alexName(watched.server);
    }
    expect(name).toBe('Alex Watched');
    expect(watched.server.reloadStatus().last?.trigger).toMatch(/^changed: .*users\.json$/);
    expect(await alexName(unwatched.server)).toBe('Alex Rivera');
    expect(unwatched.server.reloadStatus().count).toBe(0);
  });
});

