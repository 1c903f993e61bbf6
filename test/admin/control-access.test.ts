import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlAccess, isLoopback } from '../../src/admin/control-access.js';
import type { ApiError } from '../../src/errors/api-error.js';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, startMock } from '../support/mock.js';

describe('controlAccess (pure)', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.20.30', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['::ffff:10.0.0.5', false],
    ['fe80::1', false],
    ['1270.0.0.1', false],
    [undefined, false],
  ])('isLoopback(%s) is %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });

  it('with an admin token, only that bearer token opens the gate, from anywhere', () => {
    const gate = controlAccess({ adminToken: 's3cret', openControl: false });
    expect(() => gate({ authorization: 'Bearer s3cret', remoteAddress: '10.0.0.5' })).not.toThrow();
    expect(() => gate({ authorization: 'Bearer wrong', remoteAddress: '127.0.0.1' })).toThrow(/admin token/);
    expect(() => gate({ authorization: undefined, remoteAddress: '127.0.0.1' })).toThrow(/admin token/);
  });

  it('without one, loopback only, unless opened', () => {
    expect(() => controlAccess({ openControl: false })({ authorization: undefined, remoteAddress: '10.0.0.5' })).toThrow(/loopback/);
    expect(() => controlAccess({ openControl: true })({ authorization: undefined, remoteAddress: '10.0.0.5' })).not.toThrow();
  });
});

describe('the admin token over HTTP', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMock({ adminToken: 'admin-s3cret' });
  });
  afterAll(() => server.close());

  it('is required on /__mock: missing or wrong is a 401 envelope, and a Whop API token does not open it', async () => {
    for (const token of [null, 'wrong', 'tok_user_alex_full', 'tok_key_pixelforge_full']) {
      const reply = await call(server, { path: '/__mock/state', token });
      expect(reply.status).toBe(401);
      expect(envelopeOf(reply)).toMatchObject({ type: 'unauthorized', code: 'mock_admin_token_required' });
    }
    const unknownPath = await call(server, { path: '/__mock/whatever' });
    expect(unknownPath.status).toBe(401);
  });

  it('opens every endpoint with the right token', async () => {
    const reply = await call(server, { method: 'POST', path: '/__mock/tokens', token: 'admin-s3cret', body: { kind: 'user_oauth_token', user_id: 'user_alex123', scopes: ['user:profile:read'] } });
    expect(reply.status).toBe(201);
    expect((await call(server, { path: '/users/me', token: reply.body.token })).status).toBe(200);
  });

  it('is not needed for GET /__mock/health (container health checks)', async () => {
    const reply = await call(server, { path: '/__mock/health' });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('ok');
  });

  it('does not open the API: the admin token is not a Whop token', async () => {
    expect((await call(server, { path: '/users/me', token: 'admin-s3cret' })).status).toBe(401);
  });
});

// The peer-address rule is tested on the pure gate: tests only ever talk to loopback, so a
// real non-loopback client cannot be made here.
describe('the loopback rule (controlAccess, by peer address)', () => {
  const closed = controlAccess({ openControl: false });
  const opened = controlAccess({ openControl: true });
  const withToken = controlAccess({ openControl: false, adminToken: 'admin-s3cret' });
  const status = (gate: typeof closed, caller: { authorization?: string; remoteAddress?: string }) => {
    try {
      gate({ authorization: caller.authorization, remoteAddress: caller.remoteAddress });
      return 'open';
    } catch (error) {
      return (error as ApiError).status;
    }
  };

  it.each([
    ['127.0.0.1', 'open'],
    ['127.5.6.7', 'open'],
    ['::1', 'open'],
    ['::ffff:127.0.0.1', 'open'],
    ['192.0.2.10', 403],
    ['10.0.0.8', 403],
    ['::ffff:203.0.113.9', 403],
    ['fe80::1', 403],
    [undefined, 403],
  ])('without an admin token, peer %s -> %s', (remoteAddress, expected) => {
    expect(status(closed, { remoteAddress })).toBe(expected);
    expect(status(opened, { remoteAddress })).toBe('open');
  });

  it('with an admin token, only the token opens it, from anywhere', () => {
    expect(status(withToken, { remoteAddress: '127.0.0.1' })).toBe(401);
    expect(status(withToken, { remoteAddress: '127.0.0.1', authorization: 'Bearer wrong' })).toBe(401);
    expect(status(withToken, { remoteAddress: '192.0.2.10', authorization: 'Bearer admin-s3cret' })).toBe('open');
    expect(status(withToken, { remoteAddress: '127.0.0.1', authorization: 'Bearer tok_user_alex_full' })).toBe(401);
  });
});
