import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, copyOf, editFile, envelopeOf, startMock } from '../support/mock.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

// A reload with the Redis store: replicas share sessions only over the same world (fingerprint
// of specs, fixtures and generate options). The replica that reloads moves the store to its new
// world and resets every session there; the others follow by reloading their own files, and
// refuse requests (503) while their files make another world, never serving a mix.
const TOKEN = 'tok_user_alex_full';
const SESSION = { 'x-mock-session': 'staging' };

describe.runIf(redisInstalled)('reload with the Redis store (a real redis-server)', () => {
  let redis: RedisServer;
  const servers: MockServer[] = [];
  beforeEach(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await redis.stop();
  });

  async function replica(): Promise<{ server: MockServer; fixtures: string }> {
    const fixtures = copyOf('fixtures');
    const server = await startMock({ fixtures, store: redis.url });
    servers.push(server);
    return { server, fixtures };
  }
  const rename = (fixtures: string, to: string) => editFile(join(fixtures, 'users.json'), (text) => text.replace(/"name": "Alex [^"]*"/, `"name": "${to}"`));
  const alex = (server: MockServer) => call(server, { path: '/users/user_alex123', token: TOKEN, headers: SESSION });

  async function eventually(server: MockServer, name: string): Promise<number[]> {
    const seen: number[] = [];
    for (let waited = 0; waited < 10_000; waited += 100) {
      const reply = await alex(server);
      seen.push(reply.status);
      if (reply.status === 200) {
        expect(reply.body.name).toBe(name);
        return seen;
      }
      expect(envelopeOf(reply).code).toBe('mock_store_mismatch');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never served ${name}: ${seen.join(',')}`);
  }

  it('one replica reloads; the other, given the same files, follows; sessions start again from the new fixtures on both, journals and fault rules stay', async () => {
    const a = await replica();
    const b = await replica();
    await call(a.server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { bio: 'written before the reload' }, headers: SESSION });
    await a.server.sessionAsync('staging').addFault({ operationId: 'retrieveMember', status: 500 });
    expect((await call(b.server, { path: '/users/me', token: TOKEN, headers: SESSION })).body.bio).toBe('written before the reload');
    rename(a.fixtures, 'Alex Staged');
    rename(b.fixtures, 'Alex Staged');
    expect(await a.server.reload()).toMatchObject({ changed: true });
    expect((await alex(a.server)).body.name).toBe('Alex Staged');
    // B never answers from the old world: a 503 until it has reloaded its own files, then the new one.
    await eventually(b.server, 'Alex Staged');
    expect(b.server.reloadStatus()).toMatchObject({ error: null, last: { ok: true, changed: true, trigger: 'the store holds another world' } });
    for (const server of [a.server, b.server]) {
      expect((await call(server, { path: '/users/me', token: TOKEN, headers: SESSION })).body.bio).toBe('Building communities on Whop.');
      expect(await server.sessionAsync('staging').faults()).toHaveLength(1);
    }
    const journal = await b.server.sessionAsync('staging').requests();
    expect(journal.map((entry) => entry.method)).toContain('PATCH');
    // Writes after the reload are shared again.
    await call(b.server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { bio: 'after' }, headers: SESSION });
    expect((await call(a.server, { path: '/users/me', token: TOKEN, headers: SESSION })).body.bio).toBe('after');
  });

  it('a replica whose files make another world refuses requests (503) and says why, until its files match', async () => {
    const a = await replica();
    const b = await replica();
    rename(a.fixtures, 'Alex Moved');
    await a.server.reload();
    const refused = await alex(b.server);
    expect(refused.status).toBe(503);
    expect(envelopeOf(refused)).toMatchObject({ code: 'mock_store_mismatch' });
    // Its own reload cannot move the store back, nor to a third world.
    await expect(b.server.reload()).rejects.toThrow(/the Redis store holds another world/);
    rename(b.fixtures, 'Alex Elsewhere');
    await expect(b.server.reload()).rejects.toThrow(/the Redis store holds another world/);
    const health = (await call(b.server, { path: '/__mock/health' })).body;
    expect(health.reload.error).toMatch(/the Redis store holds another world/);
    expect((await alex(a.server)).body.name).toBe('Alex Moved');
    rename(b.fixtures, 'Alex Moved');
    expect(await b.server.reload()).toMatchObject({ changed: true });
    expect((await alex(b.server)).body.name).toBe('Alex Moved');
    expect(b.server.reloadStatus().error).toBeNull();
  });

  it('a reload that changes nothing touches no session', async () => {
    const a = await replica();
    const b = await replica();
    await call(a.server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { bio: 'kept' }, headers: SESSION });
    expect(await b.server.reload()).toMatchObject({ changed: false });
    expect((await call(a.server, { path: '/users/me', token: TOKEN, headers: SESSION })).body.bio).toBe('kept');
  });

  it('the inspector\'s endpoints work across replicas: the session list, and removing one fault rule', async () => {
    const a = await replica();
    const b = await replica();
    const rule = await a.server.sessionAsync('staging').addFault({ operationId: 'retrieveMember', status: 500 });
    await a.server.sessionAsync('staging').addFault({ operationId: 'listMembers', status: 500 });
    const names = (await call(b.server, { path: '/__mock/sessions' })).body.data.map((s: { name: string }) => s.name);
    expect(names).toEqual(['default', 'staging']);
    expect((await call(b.server, { method: 'DELETE', path: `/__mock/faults/${rule.id}`, headers: SESSION })).body).toEqual({ deleted: 1 });
    expect((await a.server.sessionAsync('staging').faults()).map((f) => f.operationId)).toEqual(['listMembers']);
    expect((await call(a.server, { method: 'DELETE', path: `/__mock/faults/${rule.id}`, headers: SESSION })).status).toBe(404);
  });
});
