import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { envelopeOf, startMock } from '../support/mock.js';

// `*` keeps applying to the Whop API paths; /__mock answers pages only from loopback origins
// (or those listed with controlOrigins), so no web page open in a browser can read the state
// and the journal, or reset the mock.
let open: MockServer;
let listed: MockServer;
beforeAll(async () => {
  [open, listed] = await Promise.all([startMock(), startMock({ controlOrigins: 'https://inspector.example, http://localhost:5173' })]);
});
afterAll(() => Promise.all([open.close(), listed.close()]));

const from = (server: MockServer, path: string, origin: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { origin, ...(init.headers as Record<string, string>) } });

describe('/__mock and browser origins', () => {
  it('a foreign page gets no CORS headers and a 403, and changes nothing (a simple cross-site POST included)', async () => {
    const state = await from(open, '/__mock/state', 'http://evil.example');
    expect(state.status).toBe(403);
    expect(state.headers.get('access-control-allow-origin')).toBeNull();
    expect(envelopeOf({ status: state.status, headers: state.headers, body: await state.json() })).toMatchObject({ code: 'mock_control_origin_refused', param: 'Origin' });
    await fetch(`${open.url}/users/me`, { method: 'PATCH', headers: { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json', 'x-mock-session': 'csrf' }, body: '{"name":"Kept"}' });
    const reset = await from(open, '/__mock/reset', 'http://evil.example', { method: 'POST', headers: { 'content-type': 'text/plain', 'x-mock-session': 'csrf' } });
    expect(reset.status).toBe(403);
    expect(open.session('csrf').state().users.find((user) => user.id === 'user_alex123')?.name).toBe('Kept');
    const fault = await from(open, '/__mock/faults', 'null', { method: 'POST', body: '{"status":500}', headers: { 'content-type': 'application/json' } });
    expect(fault.status).toBe(403);
    expect(open.session('default').faults()).toEqual([]);
  });

  it('a foreign preflight to /__mock gets no CORS headers (the browser then sends nothing)', async () => {
    const reply = await from(open, '/__mock/reset', 'http://evil.example', { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each(['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080', 'https://localhost:4443', 'http://localhost'])(
    'a page on %s (loopback, the default) may use it, with credentials',
    async (origin) => {
      const reply = await from(open, '/__mock/state?kind=tokens&limit=1', origin);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
      expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
      const preflight = await from(open, '/__mock/reset', origin, { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    },
  );

  it('with --control-origins, exactly the listed origins', async () => {
    expect((await from(listed, '/__mock/faults', 'https://inspector.example')).status).toBe(200);
    expect((await from(listed, '/__mock/faults', 'http://localhost:5173')).status).toBe(200);
    expect((await from(listed, '/__mock/faults', 'http://localhost:3000')).status).toBe(403);
    expect((await from(listed, '/__mock/faults', 'http://127.0.0.1:5173')).status).toBe(403);
  });

  it('health stays open (without CORS for a foreign page); the Whop API keeps `*`, with credentials', async () => {
    const health = await from(open, '/__mock/health', 'http://evil.example');
    expect(health.status).toBe(200);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
    const api = await from(open, '/users/me', 'http://evil.example', { headers: { authorization: 'Bearer tok_user_alex_full' } });
    expect(api.status).toBe(200);
    expect(api.headers.get('access-control-allow-origin')).toBe('http://evil.example');
    expect(api.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('a loopback client naming a foreign host (DNS rebinding) is refused', async () => {
    const { request } = await import('node:http');
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${open.url}/__mock/state`, { headers: { host: 'rebound.evil.example:4010' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body).error.code).toBe('mock_control_host_refused');
  });
});
