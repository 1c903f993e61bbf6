import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, LATEST, SDK_DATE, startMock } from '../support/mock.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

const inSession = (session: string | undefined): Record<string, string> => (session === undefined ? {} : { 'x-mock-session': session });
const rename = (session: string, name: string) =>
  call(server, { method: 'PATCH', path: '/api/v1/users/me', token: 'tok_user_alex_full', version: SDK_DATE, body: { name, bio: `bio of ${name}` }, headers: inSession(session) });
const readAlex = (session?: string) => call(server, { path: '/api/v1/users/user_alex123', token: 'tok_user_alex_readonly', version: LATEST, headers: inSession(session) });

describe('sessions under parallel load', () => {
  it('20 sessions x 10 interleaved PATCHes of the same user: each session reads its own last write, the default none', async () => {
    const sessions = Array.from({ length: 20 }, (_, i) => `hammer-${i}`);
    const rounds = 10;
    const statuses = await Promise.all(
      sessions.map(async (session) => {
        const seen: number[] = [];
        for (let round = 0; round < rounds; round += 1) seen.push((await rename(session, `${session} round ${round}`)).status);
        return seen;
      }),
    );
    expect(statuses.flat()).toEqual(Array(sessions.length * rounds).fill(200));
    const reads = await Promise.all(sessions.map((session) => readAlex(session)));
    reads.forEach((read, i) => {
      expect(read.body).toMatchObject({ id: 'user_alex123', name: `hammer-${i} round ${rounds - 1}`, bio: `bio of hammer-${i} round ${rounds - 1}` });
    });
    const untouched = await readAlex();
    expect(untouched.body).toMatchObject({ name: 'Alex Rivera', bio: 'Building communities on Whop.' });
    // Each session's journal holds exactly its own requests.
    const journal = await call(server, { path: '/__mock/requests?operationId=updateCurrentUser', headers: inSession('hammer-7') });
    expect(journal.body.data.map((entry: { body: { name: string } }) => entry.body.name)).toEqual(
      Array.from({ length: rounds }, (_, round) => `hammer-7 round ${round}`),
    );
  });

  it('echoes the session in X-Mock-Session, "default" without the header', async () => {
    expect((await readAlex('echo-me')).headers.get('x-mock-session')).toBe('echo-me');
    expect((await readAlex()).headers.get('x-mock-session')).toBe('default');
  });

  it.each([
    ['has spaces', 'a b'],
    ['has a slash', 'a/b'],
    ['is too long', 'x'.repeat(101)],
  ])('a session name that %s is a 400 on the API and on /__mock, naming X-Mock-Session', async (_what, name) => {
    for (const path of ['/api/v1/users/user_alex123', '/__mock/state']) {
      const reply = await call(server, { path, token: 'tok_user_alex_readonly', headers: { 'x-mock-session': name } });
      expect(reply.status).toBe(400);
      expect(envelopeOf(reply)).toMatchObject({ type: 'invalid_request_error', code: 'mock_session_invalid', param: 'X-Mock-Session' });
    }
  });

  it('accepts 100 characters of the allowed set', async () => {
    const name = `a.b_c:d-${'x'.repeat(92)}`;
    const reply = await readAlex(name);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-mock-session')).toBe(name);
  });
});

describe('reset', () => {
  it('POST /__mock/reset brings back the fixtures, an empty journal and no faults, in that session only', async () => {
    const session = 'to-reset';
    await rename(session, 'Changed');
    await rename('kept', 'Kept');
    const seeded = await call(server, { method: 'POST', path: '/__mock/companies', headers: inSession(session), body: { id: 'biz_resetme', title: 'Reset Me', route: 'reset-me', created_at: '2026-01-01T00:00:00Z' } });
    expect(seeded.status).toBe(200);
    const fault = await call(server, { method: 'POST', path: '/__mock/faults', headers: inSession(session), body: { operationId: 'listUsers', status: 500 } });
    expect(fault.status).toBe(201);

    const reset = await call(server, { method: 'POST', path: '/__mock/reset', headers: inSession(session) });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ session, reset: true });

    expect((await readAlex(session)).body.name).toBe('Alex Rivera');
    const state = await call(server, { path: '/__mock/state', headers: inSession(session) });
    expect(state.body.companies.map((c: { id: string }) => c.id)).not.toContain('biz_resetme');
    expect((await call(server, { path: '/__mock/faults', headers: inSession(session) })).body).toEqual({ data: [] });
    const journal = await call(server, { path: '/__mock/requests', headers: inSession(session) });
    expect(journal.body.data.map((entry: { operationId: string }) => entry.operationId)).toEqual(['retrieveUser']);
    expect((await readAlex('kept')).body.name).toBe('Kept');
  });

  it('server.reset() resets the default session', async () => {
    await call(server, { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: { name: 'Default Changed' } });
    expect((await readAlex()).body.name).toBe('Default Changed');
    server.reset();
    expect((await readAlex()).body.name).toBe('Alex Rivera');
  });
});

describe('bounded sessions', () => {
  it('an evicted session starts fresh from the fixtures', async () => {
    const small = await startMock({ maxSessions: 2 });
    try {
      const patch = (session: string) =>
        call(small, { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: { name: `in ${session}` }, headers: inSession(session) });
      const read = (session: string) => call(small, { path: '/users/user_alex123', token: 'tok_user_alex_readonly', headers: inSession(session) });
      await patch('a');
      await patch('b');
      expect((await read('a')).body.name).toBe('in a');
      await patch('c'); // three sessions besides the default: b is the least recently used
      expect((await read('b')).body.name).toBe('Alex Rivera');
      const health = await call(small, { path: '/__mock/health' });
      expect(health.body.sessions).toBe(3);
    } finally {
      await small.close();
    }
  });
});
