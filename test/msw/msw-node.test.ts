import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Whop from '@whop/sdk';
import { getResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock, createMockServer, type Mock, type MockServer } from '../../src/index.js';
import { whopHandlers } from '../../src/msw.js';
import { FLOW_JOURNAL, journalRows, sdkFlow } from './sdk-flow.js';

// whop-mock/msw under msw/node, as an app's vitest suite uses it: the SDK keeps its default base
// URL, MSW sends it to the mock. test/msw/msw-node-parallel.test.ts runs beside this file in
// another worker, in a session of its own.
let mock: Mock;
let server: MockServer;
let outside: Server;
let outsideUrl: string;
const msw = setupServer();

beforeAll(async () => {
  mock = await createMock();
  server = await createMockServer({ port: 0 });
  // A service of the app's own: requests to it must pass MSW untouched.
  outside = createServer((req, res) => res.end(JSON.stringify({ real: true, path: req.url })));
  await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
  outsideUrl = `http://127.0.0.1:${(outside.address() as AddressInfo).port}`;
  msw.use(...whopHandlers(mock));
  msw.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  msw.close();
  await new Promise((resolve) => outside.close(resolve));
  await server.close();
  await mock.close();
});

describe('whopHandlers under msw/node, the SDK with its default base URL', () => {
  it('runs the flow: me, PATCH and read back, a list with a query, members with an API key, a forced 403, the journal', async () => {
    const result = await sdkFlow(mock, 'msw-node-a', 'written by file a');
    expect(result.me).toEqual({ id: 'user_alex123', username: 'alex', bio: expect.any(String) });
    expect(result.patchedBio).toBe('written by file a');
    expect(result.readBackBio).toBe('written by file a');
    expect(result.listed.length).toBeGreaterThan(0);
    expect(result.listed.length).toBeLessThanOrEqual(3);
    expect(result.members.length).toBeGreaterThan(0);
    expect(result.members.every((id) => id.startsWith('mber_pf'))).toBe(true);
    expect(result.forbidden.status).toBe(403);
    expect(result.forbidden.error).toMatchObject({ error: { type: expect.any(String), message: expect.any(String) } });
    expect(result.badInput.status).toBe(400);
    expect(journalRows(result)).toEqual(FLOW_JOURNAL);
    expect(result.journal[1]?.body).toEqual({ bio: 'written by file a' });
    expect(result.journal[3]?.query).toBe('first=3&query=a');
  });

  it('bad input gets the same Whop envelope as through the server', async () => {
    const bad = { name: 42 };
    const viaMsw = await fetch('https://api.whop.com/api/v1/users/me', { method: 'PATCH', headers: { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json' }, body: JSON.stringify(bad) });
    const viaServer = await fetch(`${server.url}/api/v1/users/me`, { method: 'PATCH', headers: { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json' }, body: JSON.stringify(bad) });
    expect(viaMsw.status).toBe(400);
    expect(viaMsw.status).toBe(viaServer.status);
    const body = (await viaMsw.json()) as { error: Record<string, unknown> };
    expect(body).toEqual(await viaServer.json());
    expect(body.error).toMatchObject({ type: expect.any(String), param: 'name' });
    const missing = await fetch('https://api.whop.com/api/v1/nothing-here', { headers: { authorization: 'Bearer tok_user_alex_full' } });
    const missingServer = await fetch(`${server.url}/api/v1/nothing-here`, { headers: { authorization: 'Bearer tok_user_alex_full' } });
    expect([missing.status, await missing.json()]).toEqual([missingServer.status, await missingServer.json()]);
  });

  it('lets every other request through to the network', async () => {
    const response = await fetch(`${outsideUrl}/health?x=1`);
    expect(await response.json()).toEqual({ real: true, path: '/health?x=1' });
    // Same host as the API, other paths: not the mock's either.
    const handlers = whopHandlers(mock);
    for (const url of ['https://api.whop.com/users/me', 'https://api.whop.com/api/v1x/users/me', 'https://api.whop.com/api/v2/users/me', 'http://api.whop.com/api/v1/users/me']) {
      expect(await getResponse(handlers, new Request(url))).toBeUndefined();
    }
    expect((await getResponse(handlers, new Request('https://api.whop.com/api/v1/users/me')))?.status).toBe(401);
  });

  it('a fault rule with drop is a network error for the client', async () => {
    const session = mock.session('msw-node-drop');
    session.addFault({ operationId: 'retrieveUser', drop: true, times: 1 });
    const whop = new Whop({ apiKey: 'tok_user_alex_full', maxRetries: 0, defaultHeaders: session.headers });
    const error = await whop.users.retrieve('me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Whop.APIConnectionError);
    expect((await whop.users.retrieve('me')).id).toBe('user_alex123');
  });
});

describe('whopHandlers with a custom baseURL', () => {
  it.each([
    ['a path prefix before /api/v1', 'https://x.test/whop/api/v1'],
    ['a base URL without /api/v1, with a port and a trailing slash', 'http://localhost:8787/whop/'],
  ])('%s: %s', async (_what, baseURL) => {
    const custom = await createMock();
    const local = setupServer(...whopHandlers(custom, { baseURL }));
    // msw/node patches the process once: this file's server steps aside while the other listens.
    msw.close();
    local.listen({ onUnhandledRequest: 'error' });
    try {
      const session = custom.session('custom-base');
      const whop = new Whop({ apiKey: 'tok_user_alex_full', baseURL, maxRetries: 0, defaultHeaders: session.headers });
      expect((await whop.users.retrieve('me')).username).toBe('alex');
      expect((await whop.users.updateMe({ bio: 'custom base' })).bio).toBe('custom base');
      const base = baseURL.replace(/\/$/, '');
      const raw = await fetch(`${base}/users/maya-chen?x=1`, { headers: { authorization: 'Bearer tok_user_alex_full', ...session.headers } });
      expect(raw.status).toBe(400);
      expect(((await raw.json()) as { error: { param: string } }).error.param).toBe('x');
      expect(session.requests().map((e) => [e.method, e.path, e.query_string])).toEqual([
        ['GET', '/users/me', ''],
        ['PATCH', '/users/me', ''],
        ['GET', '/users/maya-chen', 'x=1'],
      ]);
      // The default base URL is not this mock's any more: an unhandled request is MSW's error.
      await expect(fetch('https://api.whop.com/api/v1/users/me')).rejects.toThrow(/\[MSW\]/);
    } finally {
      local.close();
      msw.listen({ onUnhandledRequest: 'bypass' });
      await custom.close();
    }
  });
});
