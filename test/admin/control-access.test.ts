import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlAccess, isLoopback, type ControlAccessOptions, type ControlCaller } from '../../src/control/control-access.js';
import { allowsHost, controlHostList } from '../../src/control/control-hosts.js';
import type { ApiError } from '../../src/kernel/api-error.js';
import type { MockServer } from '../../src/index.js';
import { call, EDGE, envelopeOf, startMock } from '../support/mock.js';

/** The gate with loopback pages allowed (the default) unless a test says otherwise. */
const gateOf = (options: Partial<ControlAccessOptions>) =>
  controlAccess({ openControl: false, allowsOrigin: (origin) => origin.startsWith('http://localhost:'), ...options });
const caller = (fields: Partial<ControlCaller>): ControlCaller => ({ authorization: undefined, peer: '127.0.0.1', origin: undefined, host: '127.0.0.1:4010', ...fields });

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
    const gate = gateOf({ adminToken: 's3cret' });
    expect(() => gate(caller({ authorization: 'Bearer s3cret', peer: '10.0.0.5', host: 'mock.internal' }))).not.toThrow();
    expect(() => gate(caller({ authorization: 'Bearer wrong' }))).toThrow(/admin token/);
    expect(() => gate(caller({}))).toThrow(/admin token/);
  });

  it('lets the inspector it served call it from its own origin only when an admin token guards /__mock', () => {
    const page = { origin: 'http://staging.example:4010', host: 'staging.example:4010', peer: '10.0.0.5' };
    expect(() => gateOf({ adminToken: 's3cret' })(caller({ ...page, authorization: 'Bearer s3cret' }))).not.toThrow();
    // Same origin but no token: still the token it needs.
    expect(() => gateOf({ adminToken: 's3cret' })(caller(page))).toThrow(/admin token/);
    // Another origin than the Host: refused as a foreign page.
    expect(() => gateOf({ adminToken: 's3cret' })(caller({ ...page, origin: 'http://evil.example:4010', authorization: 'Bearer s3cret' }))).toThrow(/do not answer pages from/);
    // Without an admin token, a same-origin page at a non-loopback name is what DNS rebinding looks like.
    expect(() => gateOf({ openControl: true })(caller(page))).toThrow(/do not answer pages from/);
  });

  it('without one, loopback only, unless opened; opened, at a listed host name (or an IP address) only', () => {
    expect(() => gateOf({})(caller({ peer: '10.0.0.5' }))).toThrow(/loopback/);
    expect(() => gateOf({ openControl: true, controlHosts: ['mock.internal'] })(caller({ peer: '10.0.0.5', host: 'mock.internal' }))).not.toThrow();
    expect(() => gateOf({ openControl: true })(caller({ peer: '10.0.0.5', host: 'mock.internal' }))).toThrow(expect.objectContaining({ status: 403, code: 'mock_control_host_refused' }));
    expect(() => gateOf({ openControl: true })(caller({ peer: '10.0.0.5', host: '10.0.0.1:4010' }))).not.toThrow();
  });

  it('refuses a page from an origin that is not allowed, whatever else the caller has (a cross-site POST still runs)', () => {
    const refused = (gate: ReturnType<typeof gateOf>, fields: Partial<ControlCaller>) => {
      try {
        gate(caller(fields));
        return 'open';
      } catch (error) {
        return `${(error as ApiError).status} ${(error as ApiError).code}`;
      }
    };
    expect(refused(gateOf({}), { origin: 'http://evil.example' })).toBe('403 mock_control_origin_refused');
    expect(refused(gateOf({ adminToken: 's3cret' }), { origin: 'http://evil.example', authorization: 'Bearer s3cret' })).toBe('403 mock_control_origin_refused');
    expect(refused(gateOf({ openControl: true }), { origin: 'null' })).toBe('403 mock_control_origin_refused');
    expect(refused(gateOf({}), { origin: 'http://localhost:5173' })).toBe('open');
    expect(refused(gateOf({}), {})).toBe('open');
  });

  it('without an admin token or --open-control, a loopback client must name a loopback host (DNS rebinding)', () => {
    const gate = gateOf({});
    expect(() => gate(caller({ host: 'evil.example:4010' }))).toThrow(expect.objectContaining({ status: 403, code: 'mock_control_host_refused' }));
    expect(() => gate(caller({ host: 'localhost:4010' }))).not.toThrow();
    expect(() => gate(caller({ host: undefined }))).not.toThrow();
    expect(() => gateOf({ openControl: true, controlHosts: ['*.staging.internal'] })(caller({ host: 'mock.staging.internal' }))).not.toThrow();
    expect(() => gateOf({ controlHosts: ['mock.test:4010'] })(caller({ host: 'mock.test:4010' }))).not.toThrow();
    expect(() => gateOf({ controlHosts: ['mock.test:4010'] })(caller({ host: 'mock.test:4011' }))).toThrow(/--control-hosts/);
  });

  it('with --open-control, a page re-pointed at the mock (DNS rebinding) is refused by its Host', () => {
    const opened = gateOf({ openControl: true, controlHosts: ['mock.staging.example'] });
    expect(() => opened(caller({ peer: '10.0.0.5', host: 'rebind.evil.example:4010' }))).toThrow(expect.objectContaining({ code: 'mock_control_host_refused' }));
    expect(() => opened(caller({ peer: '10.0.0.5', host: 'MOCK.staging.example.:4010' }))).not.toThrow();
    expect(() => opened(caller({ peer: '10.0.0.5', host: 'mock.staging.example.evil.example' }))).toThrow(/DNS rebinding/);
  });

  it('reads --control-hosts, and refuses a malformed entry at start', () => {
    expect(controlHostList(' Mock.Example , *.staging.internal,mock.test:4010 ,')).toEqual(['mock.example', '*.staging.internal', 'mock.test:4010']);
    expect(() => controlHostList('http://mock.example')).toThrow(/--control-hosts/);
    expect(() => controlHostList('mock example')).toThrow(/"mock example"/);
  });

  it.each([
    ['localhost', true],
    ['localhost:4010', true],
    ['app.localhost:5173', true],
    ['127.0.0.1:4010', true],
    ['127.9.9.9', true],
    ['[::1]:4010', true],
    ['LOCALHOST:80', true],
    ['evil.example', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.evil.example', false],
    ['10.0.0.1:4010', true],
    ['[fe80::1]:4010', true],
  ])('allowsHost(none listed, %s) is %s: loopback names and IP addresses only', (host, expected) => {
    expect(allowsHost([], host)).toBe(expected);
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

describe.skipIf(EDGE === 'fetch')('DNS rebinding with --open-control, over HTTP', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMock({ openControl: true, controlHosts: 'mock.staging.example' });
  });
  afterAll(() => server.close());

  // A page on rebind.evil.example whose name now resolves to the mock: same-origin to the
  // browser, so it reads whatever its GETs answer; its requests name its own host.
  const getAt = (host: string, path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(server.url);
      const req = httpRequest({ host: url.hostname, port: url.port, path, headers: { host } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it.each(['/__mock/requests', '/__mock/state?kind=tokens', '/__mock/state'])('%s at another host name: 403, nothing read', async (path) => {
    const reply = await getAt('rebind.evil.example:4010', path);
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body).error).toMatchObject({ code: 'mock_control_host_refused', param: 'Host' });
    expect(reply.body).not.toContain('tok_user_alex_full');
  });

  it('answers at the listed name, at loopback names and at an IP address', async () => {
    for (const host of ['mock.staging.example:4010', 'localhost', '127.0.0.1:4010', '10.1.2.3']) {
      const reply = await getAt(host, '/__mock/state?kind=tokens&limit=1');
      expect(reply.status, host).toBe(200);
    }
  });
});

// The peer-address rule is tested on the pure gate: tests only ever talk to loopback, so a
// real non-loopback client cannot be made here.
describe('the loopback rule (controlAccess, by peer address)', () => {
  const closed = gateOf({});
  const opened = gateOf({ openControl: true });
  const withToken = gateOf({ adminToken: 'admin-s3cret' });
  const status = (gate: typeof closed, fields: { authorization?: string; peer?: string }) => {
    try {
      gate(caller({ authorization: fields.authorization, peer: fields.peer }));
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
  ])('without an admin token, peer %s -> %s', (peer, expected) => {
    expect(status(closed, { peer })).toBe(expected);
    expect(status(opened, { peer })).toBe('open');
  });

  it('with an admin token, only the token opens it, from anywhere', () => {
    expect(status(withToken, { peer: '127.0.0.1' })).toBe(401);
    expect(status(withToken, { peer: '127.0.0.1', authorization: 'Bearer wrong' })).toBe(401);
    expect(status(withToken, { peer: '192.0.2.10', authorization: 'Bearer admin-s3cret' })).toBe('open');
    expect(status(withToken, { peer: '127.0.0.1', authorization: 'Bearer tok_user_alex_full' })).toBe(401);
  });
});
