import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, EDGE, envelopeOf, fetchOf, startMock } from '../support/mock.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock({ bodyLimit: 1024 });
});
afterAll(() => server.close());

describe('errors no operation owns still answer the Whop envelope', () => {
  it.each(['/nope', '/api/v1/nope', '/users/alex/friends', '/api/v2/users'])('unknown path %s is 404', async (path) => {
    const reply = await call(server, { path, token: 'tok_user_alex_full' });
    expect(reply.status).toBe(404);
    expect(envelopeOf(reply)).toMatchObject({ type: 'not_found', code: 'route_not_found', param: null });
  });

  it('a known path with the wrong method is 405 with Allow', async () => {
    const reply = await call(server, { method: 'DELETE', path: '/api/v1/users/alex', token: 'tok_user_alex_full' });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET, PATCH');
    expect(envelopeOf(reply)).toMatchObject({ type: 'invalid_request_error', code: 'method_not_allowed' });
  });

  it('a body over the limit is 413 and changes nothing', async () => {
    const reply = await call(server, { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: { bio: 'x'.repeat(2000) } });
    expect(reply.status).toBe(413);
    expect(envelopeOf(reply)).toMatchObject({ type: 'invalid_request_error', code: 'payload_too_large' });
    const after = await call(server, { path: '/users/me', token: 'tok_user_alex_full' });
    expect(after.body.bio).toBe('Building communities on Whop.');
  });

  it('a streamed (chunked) body over the limit is 413 too', async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i += 1) controller.enqueue(new TextEncoder().encode(`"${'y'.repeat(400)}",`));
        controller.close();
      },
    });
    const response = await fetchOf(server)(`${server.url}/users/me`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it.each([
    [null, 401, 'unauthorized', 'Missing Authorization header'],
    ['tok_nobody', 401, 'unauthorized', 'not known to the mock'],
    ['tok_user_alex_none', 403, 'forbidden', 'user:profile:read'],
  ])('token %s on GET /users/me -> %i', async (token, status, type, message) => {
    const reply = await call(server, { path: '/users/me', token });
    expect(reply.status).toBe(status);
    const error = envelopeOf(reply);
    expect(error.type).toBe(type);
    expect(error.message).toContain(message);
  });

  it('a malformed Authorization header is 401', async () => {
    const reply = await call(server, { path: '/users/me', headers: { authorization: 'Token abc' } });
    expect(reply.status).toBe(401);
    expect(envelopeOf(reply).message).toContain('Bearer <token>');
  });
});

describe.skipIf(EDGE === 'fetch')('requests that are not valid HTTP (node:http parses them; the fetch edge gets only valid Requests)', () => {
  const raw = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });

  it.each([
    ['a broken Content-Length', 'GET /users HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400, 'malformed_request'],
    ['a header line too large', `GET /users HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
  ])('%s still gets the Whop envelope', async (_name, text, status, code) => {
    const answer = await raw(text);
    expect(answer.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string; type: string } };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code });
  });
});
