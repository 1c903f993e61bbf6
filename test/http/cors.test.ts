import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsHeaders, corsPolicy } from '../../src/core/cors.js';
import type { MockServer } from '../../src/index.js';
import { startMock } from '../support/mock.js';

describe('corsHeaders (pure)', () => {
  const restricted = corsPolicy('http://localhost:5173, https://app.example.com/');

  it('echoes an allowed origin and exposes the mock headers on actual requests', () => {
    expect(corsHeaders(restricted, { method: 'GET', origin: 'https://app.example.com' })).toEqual({
      preflight: false,
      headers: {
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'Api-Version-Date, X-Mock-Session, X-Mock-Contract-Violation',
        vary: 'Origin',
      },
    });
  });

  it('gives a disallowed origin, or a request without Origin, no CORS headers', () => {
    expect(corsHeaders(restricted, { method: 'GET', origin: 'https://evil.example' }).headers).toEqual({});
    expect(corsHeaders(corsPolicy('*'), { method: 'GET' }).headers).toEqual({});
  });

  it('a preflight always allows the Whop and mock headers plus whatever the browser asks for', () => {
    const answer = corsHeaders(corsPolicy('*'), { method: 'OPTIONS', origin: 'http://a.test', requestMethod: 'PATCH', requestHeaders: 'x-trace-id, authorization' });
    expect(answer.preflight).toBe(true);
    expect(answer.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, Api-Version-Date, X-Mock-Session, Prefer, x-trace-id');
  });
});

describe('CORS over HTTP', () => {
  let open: MockServer;
  let restricted: MockServer;
  beforeAll(async () => {
    [open, restricted] = await Promise.all([startMock(), startMock({ corsOrigins: 'http://localhost:5173' })]);
  });
  afterAll(() => Promise.all([open.close(), restricted.close()]));

  const preflight = (server: MockServer, path: string, origin: string) =>
    fetch(`${server.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type, x-mock-session, x-custom' },
    });

  it.each(['/api/v1/users/me', '/users/user_alex123', '/not/a/route'])('answers a preflight from another origin on %s with 204', async (path) => {
    const reply = await preflight(open, path, 'http://frontend.test:3000');
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://frontend.test:3000');
    expect(reply.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(reply.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, Api-Version-Date, X-Mock-Session, Prefer, x-custom');
    expect(reply.headers.get('access-control-max-age')).toBe('600');
    expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
    expect(await reply.text()).toBe('');
  });

  it('lets the page read the version and session headers of the actual response', async () => {
    const reply = await fetch(`${open.url}/api/v1/users/me`, {
      headers: { origin: 'http://frontend.test:3000', authorization: 'Bearer tok_user_alex_full', 'x-mock-session': 'browser' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://frontend.test:3000');
    expect(reply.headers.get('access-control-expose-headers')).toBe('Api-Version-Date, X-Mock-Session, X-Mock-Contract-Violation');
    expect(reply.headers.get('x-mock-session')).toBe('browser');
  });

  it('with a restricted list, allows the listed origin and gives any other none', async () => {
    const allowed = await preflight(restricted, '/api/v1/users/me', 'http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const denied = await preflight(restricted, '/api/v1/users/me', 'http://elsewhere.test');
    expect(denied.status).toBe(204);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('access-control-allow-headers')).toBeNull();
    const actual = await fetch(`${restricted.url}/users/me`, { headers: { origin: 'http://elsewhere.test', authorization: 'Bearer tok_user_alex_full' } });
    expect(actual.status).toBe(200);
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
  });
});
