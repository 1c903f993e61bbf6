import { describe, expect, it } from 'vitest';
import { LATEST, startMock } from '../support/mock.js';
import { sessionPerTest } from '../support/session-per-test.js';

// GET answers are remembered per session world (src/pipeline/answer-memo.ts). Whatever was
// answered before, every answer must be the one a fresh path would give: a write, a token, a
// fault rule or a Prefer header in between are seen at once, and every request is journaled.
const mock = sessionPerTest('memo', () => startMock());
const alex = 'tok_user_alex_full';

describe('a GET answered again is the answer the world gives now', () => {
  it('the same GET twice is the same answer, and both are journaled', async () => {
    const first = await mock.api('/users/user_maya7Kd2', alex);
    const second = await mock.api('/users/user_maya7Kd2', alex);
    expect(second.body).toEqual(first.body);
    const journal = await mock.control('GET', '/requests');
    expect(journal.body.data.map((entry: { path: string; status: number }) => [entry.path, entry.status])).toEqual([['/users/user_maya7Kd2', 200], ['/users/user_maya7Kd2', 200]]);
  });

  it('a PATCH, a seeded record and a restored world are seen by the next GET', async () => {
    expect((await mock.api('/users/me', alex)).body.bio).toBe('Building communities on Whop.');
    const patched = await mock.call({ method: 'PATCH', path: '/api/v1/users/me', token: alex, version: LATEST, body: { bio: 'changed' } });
    expect(patched.status).toBe(200);
    expect((await mock.api('/users/me', alex)).body.bio).toBe('changed');
    const state = (await mock.control('GET', '/state')).body;
    state.users = state.users.map((user: { id: string; bio: string }) => (user.id === 'user_alex123' ? { ...user, bio: 'restored' } : user));
    expect((await mock.control('PUT', '/state', state)).status).toBe(200);
    expect((await mock.api('/users/me', alex)).body.bio).toBe('restored');
  });

  it('a token registered after a 401 opens the same GET', async () => {
    expect((await mock.api('/users/me', 'tok_registered_later_0001')).status).toBe(401);
    const token = await mock.control('POST', '/tokens', { token: 'tok_registered_later_0001', kind: 'user_oauth_token', user_id: 'user_alex123', scopes: ['user:profile:read'] });
    expect(token.status).toBe(201);
    expect((await mock.api('/users/me', 'tok_registered_later_0001')).status).toBe(200);
  });

  it('a fault rule added after an answer applies to the next request, and a Prefer header is honoured', async () => {
    expect((await mock.api('/users/me', alex)).status).toBe(200);
    expect((await mock.control('POST', '/faults', { operationId: 'retrieveUser', status: 500, times: 1 })).status).toBe(201);
    expect((await mock.api('/users/me', alex)).status).toBe(500);
    expect((await mock.api('/users/me', alex)).status).toBe(200);
    const forced = await mock.call({ path: '/api/v1/users/me', token: alex, version: LATEST, headers: { prefer: 'code=404' } });
    expect(forced.status).toBe(404);
  });

  it('another version, another token or another query is another answer', async () => {
    const latest = await mock.api('/users/me', alex, LATEST);
    const original = await mock.api('/users/me', alex, null);
    expect(latest.body).toHaveProperty('verification');
    expect(original.body).not.toHaveProperty('verification');
    const other = await mock.api('/users/me', 'tok_user_jonas_update');
    expect(other.body.id).not.toBe(latest.body.id);
    const page = await mock.api('/users?first=1', alex);
    const two = await mock.api('/users?first=2', alex);
    expect([page.body.data.length, two.body.data.length]).toEqual([1, 2]);
  });

  it('a kept answer carries CORS headers only for the request with an Origin, and the journal keeps what each got', async () => {
    const origin = 'http://localhost:5173';
    const plain = { path: '/api/v1/users/user_maya7Kd2', token: alex, version: LATEST };
    const first = await mock.call(plain);
    const cross = await mock.call({ ...plain, headers: { origin } });
    const again = await mock.call(plain);
    expect([first.status, cross.status, again.status]).toEqual([200, 200, 200]);
    expect(cross.headers.get('access-control-allow-origin')).toBe(origin);
    expect(first.headers.get('access-control-allow-origin')).toBeNull();
    expect(again.headers.get('access-control-allow-origin')).toBeNull();
    expect(again.headers.get('x-mock-session')).toBe(cross.headers.get('x-mock-session'));
    const journal = await mock.control('GET', '/requests');
    const kept = journal.body.data.map((entry: { response_headers: Record<string, string> }) => entry.response_headers['access-control-allow-origin'] ?? null);
    expect(kept).toEqual([null, origin, null]);
  });
});
