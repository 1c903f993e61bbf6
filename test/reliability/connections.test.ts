import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { startMock } from '../support/mock.js';
import { eventually, parseResponses, rawConnect, type RawConnection } from '../support/raw-http.js';

// Slow, greedy and pipelining clients, over raw sockets. The waits are bounds (a test fails
// only when something never happens), never timing assertions.
const ME = (extra = '') => `GET /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_user_alex_full\r\nX-Mock-Session: pipes\r\n${extra}\r\n`;

function patchName(name: string): string {
  const body = JSON.stringify({ name });
  return `PATCH /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_user_alex_full\r\nX-Mock-Session: pipes\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('pipelining: requests on one connection take effect in order', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMock();
  });
  afterAll(() => server.close());

  it('a GET pipelined behind a PATCH sees the PATCH, and a PATCH behind a GET does not leak into it', async () => {
    const connection = await rawConnect(server.url);
    connection.write(patchName('Piped One') + ME() + patchName('Piped Two') + ME('Connection: close\r\n'));
    const replies = parseResponses(await connection.closed);
    expect(replies.map((reply) => [reply.status, reply.body?.name])).toEqual([
      [200, 'Piped One'],
      [200, 'Piped One'],
      [200, 'Piped Two'],
      [200, 'Piped Two'],
    ]);
  });

  it('a body trickled in behind a waiting request still goes first', async () => {
    const connection = await rawConnect(server.url);
    const patch = patchName('Trickled');
    connection.write(patch.slice(0, -5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    connection.write(patch.slice(-5) + ME('Connection: close\r\n'));
    const replies = parseResponses(await connection.closed);
    expect(replies.map((reply) => reply.body?.name)).toEqual(['Trickled', 'Trickled']);
  });
});

describe('slow clients are timed out with a 408 envelope', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMock({ headersTimeoutMs: 1000, requestTimeoutMs: 1500, keepAliveTimeoutMs: 1000 });
  });
  afterAll(() => server.close());

  const trickle = (connection: RawConnection, text: string) => {
    let at = 0;
    const timer = setInterval(() => {
      if (at < text.length && !connection.socket.destroyed) connection.write(text[at++] ?? '');
    }, 100);
    void connection.closed.then(() => clearInterval(timer));
  };

  it('a connection trickling its headers', async () => {
    const connection = await rawConnect(server.url);
    trickle(connection, `GET /users/me HTTP/1.1\r\nHost: x\r\nX-Padding: ${'p'.repeat(200)}\r\n\r\n`);
    const [reply] = parseResponses(await Promise.race([connection.closed, never(8000)]));
    expect(reply?.status).toBe(408);
    expect(reply?.body.error).toMatchObject({ type: 'invalid_request_error', code: 'request_timeout' });
  });

  it('a connection trickling its body', async () => {
    const connection = await rawConnect(server.url);
    connection.write('PATCH /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_user_alex_full\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n');
    trickle(connection, `{"name":"${'n'.repeat(180)}"}`);
    const [reply] = parseResponses(await Promise.race([connection.closed, never(8000)]));
    expect(reply?.status).toBe(408);
    expect(reply?.body.error.code).toBe('request_timeout');
  });

  it('a connection that sends nothing, and an idle keep-alive connection, are closed', async () => {
    const silent = await rawConnect(server.url);
    const idle = await rawConnect(server.url);
    idle.write(ME());
    expect(await eventually(() => idle.received().includes('"username":"alex"'))).toBe(true);
    await Promise.race([Promise.all([silent.closed, idle.closed]), never(8000)]);
    expect(silent.socket.destroyed && idle.socket.destroyed).toBe(true);
  });
});

describe('the connection cap: idle and slow sockets cannot lock real clients out', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMock({ maxConnections: 20 });
  });
  afterAll(() => server.close());

  it('at the cap, a new client is served and the longest-waiting idle socket is closed (a half-sent one with a 408)', async () => {
    const halfSent = await rawConnect(server.url);
    halfSent.write('GET /users/me HTTP/1.1\r\nHost: x\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const idle: RawConnection[] = [];
    for (let i = 0; i < 19; i += 1) idle.push(await rawConnect(server.url));
    // Connected on our side; give the server a moment to have accepted every one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A real client (keep-alive, as fetch is) gets in: the half-sent connection is closed for it.
    const reply = await fetch(`${server.url}/users/me`, { headers: { authorization: 'Bearer tok_user_alex_full' } });
    expect(reply.status).toBe(200);
    const [evicted] = parseResponses(await Promise.race([halfSent.closed, never(5000)]));
    expect(evicted?.status).toBe(408);
    expect(evicted?.body.error.code).toBe('request_timeout');
    // The next newcomer closes the next-longest waiting: the oldest idle socket, not a newer one.
    const newcomer = await rawConnect(server.url);
    await Promise.race([idle[0]?.closed, never(5000)]);
    expect(idle.slice(1).some((connection) => connection.socket.destroyed)).toBe(false);
    newcomer.socket.destroy();
    for (const connection of idle) connection.socket.destroy();
  });

  it('when every connection is being answered, a new one gets a 503 envelope rather than a hang', async () => {
    const busy: RawConnection[] = [];
    for (let i = 0; i < 20; i += 1) {
      const connection = await rawConnect(server.url);
      connection.write('GET /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_user_alex_full\r\nPrefer: delay=4000\r\nConnection: close\r\n\r\n');
      busy.push(connection);
    }
    // Every one of them is being answered (waiting out its delay) before the next arrives.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const extra = await rawConnect(server.url);
    const [reply] = parseResponses(await Promise.race([extra.closed, never(5000)]));
    expect(reply?.status).toBe(503);
    expect(reply?.body.error).toMatchObject({ code: 'mock_busy' });
    const answers = await Promise.all(busy.map((connection) => Promise.race([connection.closed, never(10_000)])));
    expect(answers.map((text) => parseResponses(text)[0]?.status)).toEqual(Array(20).fill(200));
  });
});

describe('bodies being received share one byte cap', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMock({ bodyBufferBytes: 64 * 1024 });
  });
  afterAll(() => server.close());

  it('a body that would pass it is refused with 503 while others are held; afterwards uploads work again', async () => {
    const head = (length: number) => `PATCH /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_user_alex_full\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    const holders: RawConnection[] = [];
    for (let i = 0; i < 2; i += 1) {
      const connection = await rawConnect(server.url);
      connection.write(head(100_000) + 'x'.repeat(30_000));
      holders.push(connection);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = await rawConnect(server.url);
    third.write(head(20_000) + 'y'.repeat(20_000));
    const [refused] = parseResponses(await Promise.race([third.closed, never(5000)]));
    expect(refused?.status).toBe(503);
    expect(refused?.body.error.code).toBe('mock_busy');
    for (const connection of holders) connection.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ok = await fetch(`${server.url}/users/me`, { method: 'PATCH', headers: { authorization: 'Bearer tok_user_alex_full', 'content-type': 'application/json' }, body: JSON.stringify({ bio: 'z'.repeat(40_000) }) });
    expect(ok.status).toBe(200);
  });
});

function never(ms: number): Promise<string> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`nothing happened within ${ms} ms`)), ms));
}
