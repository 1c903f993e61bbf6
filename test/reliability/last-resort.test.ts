import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { startCli, stopWith } from '../support/cli-process.js';
import { startMock } from '../support/mock.js';
import { parseResponses, rawConnect } from '../support/raw-http.js';

// Whatever goes wrong with one answer, the process goes on answering the next.
const USER = { authorization: 'Bearer tok_user_alex_full' };
const NOT_FOUND = { error: { type: 'not_found', message: 'x', code: null, param: null } };

async function addFault(server: MockServer, body: object): Promise<void> {
  const reply = await fetch(`${server.url}/__mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operationId: 'retrieveUser', status: 404, times: 1, body }) });
  expect(reply.status).toBe(201);
}

async function stillAnswers(url: string): Promise<void> {
  const me = await fetch(`${url}/users/me`, { headers: USER });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { username: string }).username).toBe('alex');
}

/** A server whose log sink throws on lines matching `throwOn`, and keeps the others. */
async function withSink(throwOn: RegExp, onTestFinished: (fn: () => Promise<void>) => void): Promise<{ server: MockServer; lines: Array<Record<string, unknown>> }> {
  const lines: Array<Record<string, unknown>> = [];
  const server = await startMock({
    validateResponses: 'warn',
    logLevel: 'info',
    logFormat: 'json',
    log: (line) => {
      if (throwOn.test(line)) throw new Error('the log sink failed');
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  onTestFinished(async () => void (await server.close()));
  return { server, lines };
}

describe('a header value Node would refuse (mock mode, --validate-responses warn, a fault body)', () => {
  it.for([
    ['☃', '%E2%98%83'],
    ['x\r\ny', 'x%0D%0Ay'],
  ] as const)('an undeclared property %j is named percent-encoded, and the server goes on', async ([key, encoded], { onTestFinished }) => {
    const server = await startMock({ validateResponses: 'warn' });
    onTestFinished(async () => void (await server.close()));
    await addFault(server, { ...NOT_FOUND, [key]: 1 });
    const reply = await fetch(`${server.url}/users/me`, { headers: USER });
    expect(reply.status).toBe(404);
    expect(reply.headers.get('x-mock-contract-violation')).toMatch(new RegExp(`^/ additionalProperties: property "${encoded}" is not allowed \\(schema [\\x20-\\x7e]+\\)$`));
    await stillAnswers(server.url);
  });
});

describe('log lines', () => {
  it('a property name with CR/LF or a terminal escape neither breaks a line nor reaches the terminal raw', async ({ onTestFinished }) => {
    const lines: string[] = [];
    const server = await startMock({ validateResponses: 'warn', logLevel: 'info', logFormat: 'pretty', log: (line) => lines.push(line) });
    onTestFinished(async () => void (await server.close()));
    await addFault(server, { ...NOT_FOUND, 'x\r\n\u001b[31my': 1 });
    expect((await fetch(`${server.url}/users/me`, { headers: USER })).status).toBe(404);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).not.toMatch(/[\r\n\x1b]/);
    expect(lines.find((line) => line.includes(' violation / '))).toContain('x%0D%0A%1B[31my');
  });
});

describe('a step that throws', () => {
  it('inside the pipeline: the request gets a 500 envelope, a log line names its method and path, the next is served', async ({ onTestFinished }) => {
    const { server, lines } = await withSink(/response violates the spec/, onTestFinished);
    await addFault(server, { ...NOT_FOUND, extra: 1 });
    const reply = await fetch(`${server.url}/api/v1/users/me`, { headers: USER });
    expect(reply.status).toBe(500);
    expect(await reply.json()).toEqual({ error: { type: 'internal_server_error', code: 'internal_error', param: null, message: 'An unexpected error occurred.' } });
    // The path as the pipeline reads it (below /api/v1).
    expect(lines.find((line) => line.msg === 'request failed')).toMatchObject({ level: 'error', method: 'GET', path: '/users/me', error: expect.stringContaining('the log sink failed') });
    await stillAnswers(server.url);
  });

  it('after the answer is written (the access log): the answer stands, the failure is logged, the next is served', async ({ onTestFinished }) => {
    const { server, lines } = await withSink(/"msg":"request"/, onTestFinished);
    await stillAnswers(server.url);
    expect(lines.find((line) => line.msg === 'the access log line could not be written')).toMatchObject({ method: 'GET', path: '/users/me' });
    await stillAnswers(server.url);
  });
});

describe('Expect', () => {
  const send = async (server: MockServer, expectation: string) => {
    const connection = await rawConnect(server.url);
    connection.write(`GET /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_user_alex_full\r\nExpect: ${expectation}\r\nConnection: close\r\n\r\n`);
    return parseResponses(await connection.closed);
  };

  it('other than 100-continue: a 417 envelope (not Node\'s bare page); 100-continue is served', async ({ onTestFinished }) => {
    const server = await startMock();
    onTestFinished(async () => void (await server.close()));
    const [refused] = await send(server, 'x-something');
    expect(refused?.status).toBe(417);
    expect(refused?.body).toEqual({ error: { type: 'invalid_request_error', code: 'expectation_failed', param: 'Expect', message: expect.stringContaining('"x-something"') } });
    // Node's interim 100 Continue, then the answer.
    const served = await send(server, '100-continue');
    expect(served.map((reply) => reply.status)).toEqual([100, 200]);
    await stillAnswers(server.url);
  });
});

describe('the CLI process (node dist/bin/whop-mock.js)', () => {
  // A module loaded before the CLI that misbehaves when sent SIGUSR2: the process's own last resort is what is tested.
  const misbehaving = (code: string) => ['--import', `data:text/javascript,process.on('SIGUSR2', () => { ${code} })`];

  it('a rejection nobody handles is logged on stderr, and the server keeps serving', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, ['--port', '0', '--log-level', 'silent'], {}, misbehaving("Promise.reject(new Error('a stray rejection'))"));
    cli.child.kill('SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stillAnswers(cli.url);
    expect(cli.stderr()).toContain('whop-mock: unhandled rejection (a bug; still serving): Error: a stray rejection');
    expect((await stopWith(cli, 'SIGTERM')).code).toBe(0);
  });

  it('an uncaught exception is logged, then the server stops as on SIGTERM, with exit code 1', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, ['--port', '0', '--log-level', 'silent'], {}, misbehaving("setImmediate(() => { throw new Error('a stray throw'); })"));
    const exit = await stopWith(cli, 'SIGUSR2');
    expect(exit.code).toBe(1);
    expect(cli.stderr()).toContain('whop-mock: uncaught exception (a bug; stopping): Error: a stray throw');
    expect(cli.stdout()).toContain('uncaught exception: finishing in-flight requests');
  });
});
