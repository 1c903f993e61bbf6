import Whop, { APIError, InternalServerError, NotFoundError } from '@whop/sdk';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createMock, type Mock, type MockSession } from 'whop-mock';

// One mock for the file, in this process: no port, no server to start or stop.
let mock: Mock;
beforeAll(async () => {
  mock = await createMock();
});
afterAll(() => mock.close());

// A session per test: its own copy of the fixtures, journal and fault rules. Tests share nothing,
// so none of them needs to clean up after another.
let session: MockSession;
let tests = 0;
beforeEach(() => {
  tests += 1;
  session = mock.session(`users-${tests}`);
});

/**
 * The official SDK as an app builds it, answered by the mock: any base URL will do, `fetch` is the
 * mock's own, `defaultHeaders` carries X-Mock-Session, and `maxRetries: 0` so that a forced 500
 * is seen by the test instead of being retried.
 */
function whop(apiKey = 'tok_user_alex_full'): Whop {
  return new Whop({ apiKey, baseURL: 'http://whop.test/api/v1', fetch: mock.fetch, maxRetries: 0, defaultHeaders: session.headers });
}

it('updates the profile and reads it back', async () => {
  await whop().users.updateMe({ name: 'Alexandra' });
  expect((await whop().users.retrieve('me')).name).toBe('Alexandra');
});

it('starts from the fixtures again: the last test wrote in its own session', async () => {
  expect((await whop().users.retrieve('me')).name).toBe('Alex Rivera');
});

it('fails once with a fault rule, then answers normally', async () => {
  session.addFault({ operationId: 'retrieveUser', status: 500, times: 1 });
  const error = await whop().users.retrieve('me').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InternalServerError);
  expect((error as APIError).error).toEqual({
    error: { type: 'internal_server_error', message: 'An unexpected error occurred.', code: 'internal_error', param: null },
  });
  expect((await whop().users.retrieve('me')).id).toBe('user_alex123');
});

it('fails only the requests a rule selects, and steps through a sequence', async () => {
  // A 500 only for a list that asks for 50 a page; any other list answers normally.
  session.addFault({ operationId: 'listUsers', query: { first: 50 }, status: 500 });
  await expect(whop().users.list({ first: 50 })).rejects.toBeInstanceOf(InternalServerError);
  expect((await whop().users.list({ first: 10 })).data.length).toBeGreaterThan(0);
  // Two 500s, then the real answer: a client's retry path, one step per matching request.
  session.addFault({ operationId: 'retrieveUser', sequence: [{ status: 500 }, { status: 500 }, { pass: true }] });
  await expect(whop().users.retrieve('me')).rejects.toBeInstanceOf(InternalServerError);
  await expect(whop().users.retrieve('me')).rejects.toBeInstanceOf(InternalServerError);
  expect((await whop().users.retrieve('me')).id).toBe('user_alex123');
  expect(session.requests({ operationId: 'retrieveUser' }).map((r) => r.fault_step)).toEqual([0, 1, 2]);
});

it('seeds a partial user: the rest is filled in', async () => {
  const user = session.seedUser({ name: 'Ada Lovelace' }); // id, username, timestamps... filled in
  const token = session.registerToken({ kind: 'user_oauth_token', user_id: user.id, scopes: ['user:profile:read'] });
  expect((await whop(token).users.retrieve('me')).username).toBe(user.username);
});

it('forces a status for one request with Prefer', async () => {
  const error = await whop().users.retrieve('me', null, { headers: { Prefer: 'code=404' } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotFoundError);
  expect((error as APIError).status).toBe(404);
});

it('asserts what the client sent, from the journal', async () => {
  await whop().users.updateMe({ bio: 'Ships on Fridays' });
  const [sent] = session.requests({ operationId: 'updateCurrentUser' });
  expect(sent).toMatchObject({ method: 'PATCH', path: '/users/me', body: { bio: 'Ships on Fridays' }, status: 200 });
  // The journal keeps headers, with the token masked: the kind it is in this session and its last 4.
  expect(sent?.headers.authorization).toBe('Bearer [user_oauth_token …full]');
  expect(sent?.headers['api-version-date']).toBe('2026-07-20');
});

it('seeds a user and a token, and a reset takes the session back to the fixtures', async () => {
  session.seedUser({
    id: 'user_newbie1', username: 'newbie', name: 'New Person', bio: null, created_at: '2026-01-01T00:00:00Z',
    email: null, profile_picture_file_id: null, balances: [], verification: { individual: null, business: null },
    overrides: {}, verification_locked_fields: [],
  });
  const token = session.registerToken({ kind: 'user_oauth_token', user_id: 'user_newbie1', scopes: ['user:profile:read'] });
  expect((await whop(token).users.retrieve('me')).username).toBe('newbie');

  session.reset();
  await expect(whop().users.retrieve('newbie')).rejects.toBeInstanceOf(NotFoundError);
});
