import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer, MockServerOptions } from '../../src/index.js';
import { call, envelopeOf, startMock, type Call } from '../support/mock.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

// The same behaviour, whichever store keeps the sessions: the memory store (the default) and the
// Redis store against a real redis-server. Each test works in sessions of its own.
const TOKEN = 'tok_user_alex_full';
const stores = [
  { store: 'memory', run: true },
  { store: 'redis', run: redisInstalled },
] as const;

for (const { store, run } of stores) {
  describe.runIf(run)(`the ${store} store`, () => {
    let redis: RedisServer | undefined;
    const servers: MockServer[] = [];
    let counter = 0;
    const fresh = (label: string) => `${store}-${label}-${(counter += 1)}`;
    const start = async (options: MockServerOptions = {}) => {
      const server = await startMock({ ...options, ...(redis ? { store: redis.url } : {}) });
      servers.push(server);
      return server;
    };
    let server: MockServer;
    beforeAll(async () => {
      if (store === 'redis') redis = await startRedis();
      server = await start();
    });
    afterAll(async () => {
      for (const s of servers) await s.close();
      await redis?.stop();
    });
    const api = (session: string, request: Call, on = server) => call(on, { token: TOKEN, ...request, headers: { 'x-mock-session': session, ...request.headers } });
    const control = (session: string, method: string, path: string, body?: unknown, on = server) =>
      call(on, { method, path: `/__mock${path}`, body, headers: { 'x-mock-session': session } });

    it('keeps a write, shows it on the next read, and keeps sessions apart', async () => {
      const a = fresh('write');
      const b = fresh('other');
      expect((await api(a, { method: 'PATCH', path: '/users/me', body: { name: 'Changed' } })).status).toBe(200);
      expect((await api(a, { path: '/users/me' })).body.name).toBe('Changed');
      expect((await api(b, { path: '/users/me' })).body.name).toBe('Alex Rivera');
      expect((await api(a, { path: '/users?query=changed' })).body.data.map((u: { id: string }) => u.id)).toEqual(['user_alex123']);
    });

    it('seeds records and tokens, and the API sees them', async () => {
      const s = fresh('seed');
      const user = { id: 'user_seed1', username: 'seedling', name: 'Seed', bio: null, created_at: '2026-01-01T00:00:00Z', email: null, profile_picture_file_id: null, balances: [], verification: { individual: null, business: null }, overrides: {}, verification_locked_fields: [] };
      expect((await control(s, 'POST', '/users', user)).status).toBe(200);
      const token = (await control(s, 'POST', '/tokens', { kind: 'user_oauth_token', user_id: 'user_seed1', scopes: ['user:profile:read'] })).body.token as string;
      expect((await api(s, { path: '/users/me', token })).body.username).toBe('seedling');
      const taken = await control(s, 'POST', '/users', { ...user, id: 'user_seed2' });
      expect(taken.status).toBe(400);
      expect(envelopeOf(taken).code).toBe('mock_record_invalid');
    });

    it('refuses a 900 KB fault rule under the default budget (--session-bytes 256 KiB), as it refuses a record that size', async () => {
      const s = fresh('fault-huge');
      const huge = { operationId: 'retrieveUser', status: 404, body: { error: { type: 'not_found', message: 'h'.repeat(900_000), code: null, param: null } } };
      const refused = await control(s, 'POST', '/faults', huge);
      expect(refused.status).toBe(413);
      expect(envelopeOf(refused).code).toBe('mock_session_full');
      expect((await control(s, 'GET', '/faults')).body.data).toEqual([]);
    });

    it('fires a fault for the next N requests exactly N times, then answers normally', async () => {
      const s = fresh('fault');
      expect((await control(s, 'POST', '/faults', { operationId: 'retrieveUser', status: 500, times: 2 })).status).toBe(201);
      expect((await control(s, 'GET', '/faults')).body.data).toEqual([{ id: 'flt_1', operationId: 'retrieveUser', status: 500, times: 2 }]);
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await api(s, { path: '/users/me' })).status);
      expect(statuses).toEqual([500, 500, 200, 200]);
      expect((await control(s, 'GET', '/faults')).body.data).toEqual([]);
      await control(s, 'POST', '/faults', { path: '/users/me', status: 404 });
      expect((await control(s, 'DELETE', '/faults')).body).toEqual({ deleted: 1 });
    });

    it('matches precise rules (query, account) in order, counting only matching requests', async () => {
      const s = fresh('fault-precise');
      const first50 = (await control(s, 'POST', '/faults', { operationId: 'listUsers', query: { first: 50 }, status: 500, times: 1 })).body;
      const northwind = (await control(s, 'POST', '/faults', { account_id: 'biz_northwind', status: 403 })).body;
      const northwindKey = 'tok_key_northwind_full';
      expect((await api(s, { path: '/users?first=10' })).status).toBe(200);
      expect((await api(s, { path: '/members?company_id=biz_pixelforge', token: 'tok_key_pixelforge_full' })).status).toBe(200);
      expect((await api(s, { path: '/members?company_id=biz_northwind', token: northwindKey })).status).toBe(403);
      expect((await api(s, { path: '/users?first=50' })).status).toBe(500);
      expect((await api(s, { path: '/users?first=50' })).status).toBe(200);
      expect((await control(s, 'GET', '/faults')).body.data.map((f: { id: string }) => f.id)).toEqual([northwind.id]);
      const entries = (await control(s, 'GET', '/requests')).body.data as Array<{ fault_id: string | null }>;
      expect(entries.map((e) => e.fault_id)).toEqual([null, null, northwind.id, first50.id, null]);
    });

    it('answers a sequence step by step, naming each, across servers sharing the store', async () => {
      const s = fresh('fault-sequence');
      const other = redis ? await start() : server;
      const rule = (await control(s, 'POST', '/faults', { operationId: 'retrieveUser', sequence: [{ status: 500 }, { status: 404 }, { pass: true }] })).body;
      // Each step is given to exactly one request, however the requests are spread over the servers.
      const replies = await Promise.all([server, other, server, other].map((on) => api(s, { path: '/users/me' }, on)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 404, 500]);
      const entries = (await control(s, 'GET', '/requests')).body.data as Array<{ status: number; fault_id: string | null; fault_step: number | null }>;
      expect(entries.map((e) => [e.status, e.fault_id, e.fault_step]).sort()).toEqual([[200, null, null], [200, rule.id, 2], [404, rule.id, 1], [500, rule.id, 0]]);
      expect((await control(s, 'GET', '/faults')).body.data).toEqual([]);
      // Two rules for one use each, taken at once: whoever loses the first takes the second.
      await control(s, 'POST', '/faults', { operationId: 'retrieveUser', status: 500, times: 1 });
      await control(s, 'POST', '/faults', { operationId: 'retrieveUser', status: 404, times: 1 });
      const racing = await Promise.all([server, other].map((on) => api(s, { path: '/users/me' }, on)));
      expect(racing.map((r) => r.status).sort()).toEqual([404, 500]);
    });

    it('journals every request in order, pages it, and keeps counting ids after a clear', async () => {
      const s = fresh('journal');
      for (let i = 0; i < 3; i += 1) await api(s, { path: `/users/user_alex123?n=${i}` });
      await api(s, { method: 'PATCH', path: '/users/me', body: { bio: 'x' } });
      const all = (await control(s, 'GET', '/requests')).body;
      expect(all.data.map((e: { id: string; status: number }) => [e.id, e.status])).toEqual([['req_1', 400], ['req_2', 400], ['req_3', 400], ['req_4', 200]]);
      expect(all.data[3].headers.authorization).toBe('Bearer [user_oauth_token …full]');
      const page = (await control(s, 'GET', '/requests?limit=2&after=req_1')).body;
      expect(page.data.map((e: { id: string }) => e.id)).toEqual(['req_2', 'req_3']);
      expect(page.page_info).toEqual({ end_cursor: 'req_3', has_next_page: true });
      expect((await control(s, 'GET', '/requests?method=PATCH')).body.data.map((e: { id: string }) => e.id)).toEqual(['req_4']);
      expect((await control(s, 'DELETE', '/requests')).body).toEqual({ deleted: 4 });
      await api(s, { path: '/users/me' });
      expect((await control(s, 'GET', '/requests')).body.data.map((e: { id: string }) => e.id)).toEqual(['req_5']);
    });

    it('resets world, journal and faults together', async () => {
      const s = fresh('reset');
      await api(s, { method: 'PATCH', path: '/users/me', body: { name: 'Gone soon' } });
      await control(s, 'POST', '/faults', { operationId: 'listMembers', status: 500 });
      expect((await control(s, 'POST', '/reset')).body).toEqual({ session: s, reset: true });
      expect((await api(s, { path: '/users/me' })).body.name).toBe('Alex Rivera');
      expect((await control(s, 'GET', '/faults')).body.data).toEqual([]);
      expect((await control(s, 'GET', '/requests')).body.data.map((e: { id: string }) => e.id)).toEqual(['req_1']);
    });

    it('restores a saved world (PUT /__mock/state), and refuses a bad one naming the record and field, changing nothing', async () => {
      const s = fresh('restore');
      await api(s, { method: 'PATCH', path: '/users/me', body: { name: 'Saved Name' } });
      const saved = (await control(s, 'GET', '/state')).body;
      await api(s, { method: 'PATCH', path: '/users/me', body: { name: 'Later' } });
      expect((await control(s, 'PUT', '/state', saved)).body).toEqual({ session: s, restored: true });
      expect((await api(s, { path: '/users/me' })).body.name).toBe('Saved Name');
      expect((await control(s, 'GET', '/state')).body).toEqual(saved);

      const bad = structuredClone(saved);
      bad.users[2].username = 'Not A Valid Username!';
      const refused = await control(s, 'PUT', '/state', bad);
      expect(refused.status).toBe(400);
      expect(envelopeOf(refused)).toMatchObject({ code: 'mock_state_invalid', param: 'users.2.username' });
      const dangling = structuredClone(saved);
      dangling.members[0].company_id = 'biz_nowhere';
      expect(envelopeOf(await control(s, 'PUT', '/state', dangling))).toMatchObject({ code: 'mock_state_invalid', param: 'members.0.company_id' });
      expect(envelopeOf(await control(s, 'PUT', '/state', { people: [] }))).toMatchObject({ code: 'mock_state_invalid', param: 'people' });
      // The start-up checks past the records' own (token scopes) name the field the same way.
      const unknownScope = structuredClone(saved);
      unknownScope.tokens[0].scopes = ['user:profile:read', 'no:such:scope'];
      expect(envelopeOf(await control(s, 'PUT', '/state', unknownScope))).toMatchObject({ code: 'mock_state_invalid', param: 'tokens.0.scopes.1' });
      expect((await control(s, 'GET', '/state')).body).toEqual(saved);

      // A world with a user removed and one added: stored as its difference from the fixtures.
      const edited = structuredClone(saved);
      const tom = edited.users.findIndex((u: { id: string }) => u.id === 'user_tomOk4f');
      edited.members = edited.members.filter((m: { user_id: string | null }) => m.user_id !== 'user_tomOk4f');
      edited.tokens = edited.tokens.filter((t: { user_id?: string }) => t.user_id !== 'user_tomOk4f');
      edited.users.splice(tom, 1);
      edited.users.push({ ...edited.users[0], id: 'user_new9', username: 'newcomer' });
      expect((await control(s, 'PUT', '/state', edited)).status).toBe(200);
      expect((await api(s, { path: '/users/user_tomOk4f' })).status).toBe(404);
      expect((await api(s, { path: '/users/newcomer' })).body.id).toBe('user_new9');
    });

    it('the async session handle saves and restores a world too', async () => {
      const handle = server.sessionAsync(fresh('handle'));
      const before = await handle.state();
      await handle.seedUser({ ...before.users[0]!, id: 'user_handle1', username: 'handled' });
      const withUser = await handle.state();
      await handle.reset();
      expect((await handle.state()).users.some((u) => u.id === 'user_handle1')).toBe(false);
      await handle.restore(withUser);
      expect((await handle.state()).users.find((u) => u.id === 'user_handle1')?.username).toBe('handled');
      await expect(handle.restore({ ...withUser, users: [{ ...withUser.users[0]!, id: 'nope' }] })).rejects.toMatchObject({ status: 400, code: 'mock_state_invalid' });
    });

    describe('bounds', () => {
      let small: MockServer;
      beforeAll(async () => {
        small = await start({ sessionBytes: 8 * 1024, maxSessions: 2, idleSessionMs: 400, maxFaultRules: 3 });
      });

      // A fault rule answering retrieveUser 404 with a body of about `size` bytes.
      const bigRule = (size: number, extra: Record<string, unknown> = {}) => ({ operationId: 'retrieveUser', status: 404, body: { error: { type: 'not_found', message: 'm'.repeat(size), code: null, param: null } }, ...extra });

      it('counts fault rules against the session byte budget with its records: 413 mock_session_full beyond', async () => {
        const s = fresh('fault-bytes');
        const first = await control(s, 'POST', '/faults', bigRule(5000), small);
        expect(first.status).toBe(201);
        const over = await control(s, 'POST', '/faults', bigRule(5000), small);
        expect(over.status).toBe(413);
        expect(envelopeOf(over)).toMatchObject({ type: 'invalid_request_error', code: 'mock_session_full' });
        expect(envelopeOf(over).message).toContain('--session-bytes');
        expect((await control(s, 'GET', '/faults', undefined, small)).body.data.map((f: { id: string }) => f.id)).toEqual([first.body.id]);
        // The rule's bytes are not the records': a write that fits alone does not fit beside it.
        expect((await api(s, { method: 'PATCH', path: '/users/me', body: { bio: 'b'.repeat(4000) } }, small)).status).toBe(413);
        expect((await control(s, 'DELETE', `/faults/${first.body.id}`, undefined, small)).status).toBe(200);
        expect((await api(s, { method: 'PATCH', path: '/users/me', body: { bio: 'b'.repeat(4000) } }, small)).status).toBe(200);
        // Records held: a rule that fits an empty session does not fit beside them; a reset frees both.
        expect((await control(s, 'POST', '/faults', bigRule(5000), small)).status).toBe(413);
        expect((await control(s, 'POST', '/reset', undefined, small)).status).toBe(200);
        expect((await control(s, 'POST', '/faults', bigRule(5000), small)).status).toBe(201);
      });

      it('a rule used up, or all rules cleared, gives its bytes back', async () => {
        const s = fresh('fault-used');
        expect((await control(s, 'POST', '/faults', bigRule(5000, { times: 1 }), small)).status).toBe(201);
        expect((await api(s, { path: '/users/user_alex123' }, small)).status).toBe(404);
        expect((await control(s, 'POST', '/faults', bigRule(5000), small)).status).toBe(201);
        expect((await control(s, 'DELETE', '/faults', undefined, small)).body).toEqual({ deleted: 1 });
        expect((await control(s, 'POST', '/faults', bigRule(5000), small)).status).toBe(201);
      });

      it('caps the number of rules per session (--max-fault-rules): 413 mock_session_full beyond', async () => {
        const s = fresh('fault-count');
        for (let i = 0; i < 3; i += 1) expect((await control(s, 'POST', '/faults', { path: '/users/me', delay_ms: i }, small)).status).toBe(201);
        const over = await control(s, 'POST', '/faults', { path: '/users/me', delay_ms: 9 }, small);
        expect(over.status).toBe(413);
        expect(envelopeOf(over)).toMatchObject({ code: 'mock_session_full' });
        expect(envelopeOf(over).message).toContain('--max-fault-rules');
        expect((await control(s, 'GET', '/faults', undefined, small)).body.data).toHaveLength(3);
        await control(s, 'POST', '/reset', undefined, small);
        expect((await control(s, 'POST', '/faults', { path: '/users/me', delay_ms: 9 }, small)).status).toBe(201);
      });

      it('a restored world must fit beside the session\'s fault rules', async () => {
        const s = fresh('fault-restore');
        expect((await control(s, 'POST', '/faults', bigRule(5000), small)).status).toBe(201);
        const world = (await control(s, 'GET', '/state', undefined, small)).body;
        world.users[0].bio = 'r'.repeat(4000);
        const refused = await control(s, 'PUT', '/state', world, small);
        expect(refused.status).toBe(413);
        expect(envelopeOf(refused).code).toBe('mock_session_full');
        expect((await api(s, { path: '/users/user_alex123' }, small)).status).toBe(404);
      });

      it('refuses a write past the session byte budget with 413 mock_session_full, changing nothing', async () => {
        const s = fresh('budget');
        const ok = await api(s, { method: 'PATCH', path: '/users/me', body: { bio: 'b'.repeat(2000) } }, small);
        expect(ok.status).toBe(200);
        const over = await api(s, { method: 'PATCH', path: '/users/me', body: { bio: 'b'.repeat(20_000) } }, small);
        expect(over.status).toBe(413);
        expect(envelopeOf(over).code).toBe('mock_session_full');
        expect(over.headers.get('x-mock-contract-violation')).toBeNull();
        expect((await api(s, { path: '/users/me' }, small)).body.bio).toBe('b'.repeat(2000));
        const journal = (await control(s, 'GET', '/requests', undefined, small)).body.data;
        expect(journal.at(-2)).toMatchObject({ status: 413, operationId: 'updateCurrentUser', validation: { valid: true } });
      });

      it('evicts the least recently used session past the cap; it starts fresh when used again', async () => {
        const [a, b, c] = [fresh('lru'), fresh('lru'), fresh('lru')];
        await api(a, { method: 'PATCH', path: '/users/me', body: { name: 'A' } }, small);
        await api(b, { method: 'PATCH', path: '/users/me', body: { name: 'B' } }, small);
        await api(c, { method: 'PATCH', path: '/users/me', body: { name: 'C' } }, small);
        expect((await api(c, { path: '/users/me' }, small)).body.name).toBe('C');
        expect((await api(b, { path: '/users/me' }, small)).body.name).toBe('B');
        expect((await api(a, { path: '/users/me' }, small)).body.name).toBe('Alex Rivera');
      });

      it('evicts a session idle past its time; the default session stays', async () => {
        const s = fresh('idle');
        await api(s, { method: 'PATCH', path: '/users/me', body: { name: 'Idle' } }, small);
        await api('default', { method: 'PATCH', path: '/users/me', body: { name: 'Kept' } }, small);
        await new Promise((resolve) => setTimeout(resolve, 900));
        expect((await api(s, { path: '/users/me' }, small)).body.name).toBe('Alex Rivera');
        expect((await api('default', { path: '/users/me' }, small)).body.name).toBe('Kept');
      });
    });
  });
}
