import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, fetchOf, startMock } from '../support/mock.js';

// What a client sends under a secret name never reaches the journal whole (README: Security,
// the secret-name rule): headers, query and request bodies, as a test reads them back.
const SECRETS = {
  header: 'pk_live_header_SECRET_9f8e7d',
  signature: 'sha256=SIGNATURE_SECRET_0a1b2c',
  sessionId: 'sess_SESSION_SECRET_3d4e5f',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.JWT_SECRET.6g7h8i',
  session: 'APP_SESSION_SECRET_9j0k1l',
  refresh: 'rt_REFRESH_SECRET_2m3n4o',
  client: 'cs_CLIENT_SECRET_5p6q7r',
  password: 'PASSWORD_SECRET_8s9t0u',
};
let server: MockServer;

beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

describe('the journal redacts by the one secret-name rule', () => {
  it('keeps no secret header, query parameter or body field; keeps X-Mock-Session and the rest', async () => {
    const session = 'secrets-checkout';
    const reply = await call(server, {
      method: 'PATCH',
      path: `/users/me?jwt=${SECRETS.jwt}&session=${SECRETS.session}`,
      token: 'tok_user_alex_full',
      headers: { 'x-mock-session': session, 'x-private-key': SECRETS.header, 'x-signature': SECRETS.signature, 'x-session-id': SECRETS.sessionId },
      body: { name: 'Visible Name', refreshToken: SECRETS.refresh, credentials: { clientSecret: SECRETS.client, userPassword: SECRETS.password } },
    });
    // Unknown parameters and fields: refused, and journaled all the same.
    expect(reply.status).toBe(400);
    const journal = await (await fetchOf(server)(`${server.url}/__mock/requests`, { headers: { 'x-mock-session': session } })).text();
    for (const secret of Object.values(SECRETS)) expect(journal, secret).not.toContain(secret);
    const [entry] = JSON.parse(journal).data;
    expect(entry.headers['x-mock-session']).toBe(session);
    expect(entry.headers['x-private-key']).toBe('[redacted …8e7d]');
    expect(entry.headers['x-session-id']).toMatch(/^\[redacted …\w{4}\]$/);
    expect(entry.query).toMatchObject({ jwt: expect.stringMatching(/^\[redacted/), session: expect.stringMatching(/^\[redacted/) });
    expect(entry.body).toEqual({ name: 'Visible Name', refreshToken: '[redacted refreshToken]', credentials: '[redacted credentials]' });
    expect(entry.body_size).toBeGreaterThan(JSON.stringify(entry.body).length);
  });

  it('a body without a secret name is kept exactly as sent', async () => {
    const session = 'secrets-plain';
    await call(server, { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', headers: { 'x-mock-session': session }, body: { bio: 'my token is not a field name' } });
    const [entry] = ((await (await fetchOf(server)(`${server.url}/__mock/requests`, { headers: { 'x-mock-session': session } })).json()) as { data: Array<{ body: unknown }> }).data;
    expect(entry?.body).toEqual({ bio: 'my token is not a field name' });
  });
});
