import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { envelopeOf, LATEST } from '../support/mock.js';
import { startMock } from '../support/mock.js';
import { eventually, parseResponses, rawConnect } from '../support/raw-http.js';

// The hostile-input catalogue: each case is a request a careless or hostile client sends, the
// status and envelope code it must get, and proof that it changed nothing (the session's
// GET /__mock/state is the same before and after) and polluted nothing.
const USER = 'tok_user_alex_full';
const KEY = 'tok_key_pixelforge_full';

interface Case {
  readonly name: string;
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  readonly status: number;
  readonly code: string;
}

const json = { 'content-type': 'application/json' };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const manyKeys = `{${Array.from({ length: 100_000 }, (_, i) => `"${i.toString(36)}":0`).join(',')}}`;

const cases: readonly Case[] = [
  { name: 'malformed JSON', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: '{"name": "x",', status: 400, code: 'invalid_json' },
  { name: 'a JSON body sent as text/plain', method: 'PATCH', path: '/users/me', headers: { 'content-type': 'text/plain', ...auth(USER) }, body: '{"name":"x"}', status: 400, code: 'parameter_invalid' },
  { name: 'a form body', method: 'PATCH', path: '/users/me', headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth(USER) }, body: 'name=x', status: 400, code: 'parameter_invalid' },
  { name: 'a body over the 1 MiB limit', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: `{"bio":"${'x'.repeat(1024 * 1024)}"}`, status: 413, code: 'payload_too_large' },
  { name: 'nesting 5,000 deep (API)', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: deep(5000), status: 400, code: 'json_too_deep' },
  { name: 'nesting 5,000 deep (control plane)', method: 'POST', path: '/__mock/users', headers: json, body: deep(5000), status: 400, code: 'json_too_deep' },
  { name: '100,000 keys', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: manyKeys, status: 400, code: 'parameter_invalid' },
  { name: 'a __proto__ key in the body', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: '{"__proto__":{"polluted":"yes"},"name":"x"}', status: 400, code: 'parameter_invalid' },
  { name: 'a constructor key in the body', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: '{"constructor":{"prototype":{"polluted":"yes"}}}', status: 400, code: 'parameter_invalid' },
  { name: 'a prototype key in the body', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: '{"prototype":{"polluted":"yes"}}', status: 400, code: 'parameter_invalid' },
  { name: 'a nested __proto__ key (profile_picture)', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER), 'api-version-date': LATEST }, body: '{"profile_picture":{"__proto__":{"polluted":"yes"},"id":"file_x"}}', status: 400, code: 'parameter_invalid' },
  { name: 'a __proto__ key in a seeded record', method: 'POST', path: '/__mock/users', headers: json, body: '{"__proto__":{"polluted":"yes"}}', status: 400, code: 'mock_record_invalid' },
  { name: 'a __proto__ key in a record override', method: 'POST', path: '/__mock/companies', headers: json, body: '{"id":"biz_x","__proto__":{"polluted":"yes"}}', status: 400, code: 'mock_record_invalid' },
  { name: 'a __proto__ key in a fault rule', method: 'POST', path: '/__mock/faults', headers: json, body: '{"__proto__":{"polluted":"yes"},"status":500}', status: 400, code: 'mock_fault_invalid' },
  { name: 'a __proto__ key in a token registration', method: 'POST', path: '/__mock/tokens', headers: json, body: '{"kind":"user_oauth_token","user_id":"user_alex123","scopes":[],"__proto__":{"polluted":"yes"}}', status: 400, code: 'mock_record_invalid' },
  { name: '?__proto__=x', path: '/users/me?__proto__=x', headers: auth(USER), status: 400, code: 'parameter_invalid' },
  { name: '?__proto__[]=x', path: '/users?__proto__[]=x', headers: auth(USER), status: 400, code: 'parameter_invalid' },
  { name: '?constructor=x', path: '/users/me?constructor=x', headers: auth(USER), status: 400, code: 'parameter_invalid' },
  { name: '?prototype=x', path: '/members?prototype=x', headers: auth(KEY), status: 400, code: 'parameter_invalid' },
  { name: 'invalid UTF-8 in a JSON string', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: Buffer.from([0x7b, 0x22, 0x62, 0x69, 0x6f, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), status: 400, code: 'invalid_json' },
  { name: 'an overlong UTF-8 encoding', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: Buffer.concat([Buffer.from('{"bio":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), status: 400, code: 'invalid_json' },
  { name: 'a lone high surrogate escape', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: '{"bio":"\\ud800x"}', status: 400, code: 'invalid_json' },
  { name: 'a lone low surrogate escape', method: 'PATCH', path: '/users/me', headers: { ...json, ...auth(USER) }, body: '{"name":"\\uDC00"}', status: 400, code: 'invalid_json' },
  { name: 'a lone surrogate in a control-plane body', method: 'POST', path: '/__mock/faults', headers: json, body: '{"status":500,"body":{"x":"\\ud83d"}}', status: 400, code: 'invalid_json' },
  // `..` behind an encoded slash is a dot segment to a server that decodes %2F: refused, never looked up or forwarded.
  { name: 'encoded traversal in an id', path: '/users/..%2F..%2Fetc%2Fpasswd', headers: auth(USER), status: 400, code: 'invalid_path' },
  // fetch resolves %2e%2e as `..`, as browsers do: what arrives is /, which is no operation.
  { name: 'dot segments in an id', path: '/users/%2e%2e', headers: auth(USER), status: 404, code: 'route_not_found' },
  { name: 'a NUL in an id', path: '/members/mem_%00', headers: auth(KEY), status: 404, code: 'resource_not_found' },
  { name: 'traversal under /__mock', path: '/__mock/..%2Fstate', status: 404, code: 'route_not_found' },
  { name: 'a bad X-Mock-Session', path: '/users/me', headers: { ...auth(USER), 'x-mock-session': '../../etc' }, status: 400, code: 'mock_session_invalid' },
];

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

async function state(session: string): Promise<string> {
  return (await fetch(`${server.url}/__mock/state`, { headers: { 'x-mock-session': session } })).text();
}

async function send(c: Case, session: string) {
  const response = await fetch(`${server.url}${c.path}`, { method: c.method ?? 'GET', headers: { 'x-mock-session': session, ...c.headers }, body: c.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
}

describe('hostile inputs: refused in the envelope, nothing changed, nothing polluted', () => {
  it.each(cases.map((c, i) => [c.name, c, `hostile-${i}`] as const))('%s', async (_name, c, session) => {
    const before = await state(session);
    const reply = await send(c, session);
    expect(reply.status).toBe(c.status);
    expect(envelopeOf(reply).code).toBe(c.code);
    expect(await state(session)).toBe(before);
    expect((await fetch(`${server.url}/__mock/faults`, { headers: { 'x-mock-session': session } }).then((r) => r.json())) as unknown).toEqual({ data: [] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('keys that are only data', () => {
  it('a __proto__ key inside a fault rule\'s body stays a plain key: the answer is checked as one; nothing is polluted', async () => {
    const headers = { 'content-type': 'application/json', 'x-mock-session': 'proto-body' };
    const rule = await fetch(`${server.url}/__mock/faults`, { method: 'POST', headers, body: '{"operationId":"retrieveUser","status":404,"body":{"error":{"type":"not_found","message":"gone","code":null,"param":null},"__proto__":{"polluted":"yes"}}}' });
    expect(rule.status).toBe(201);
    const reply = await fetch(`${server.url}/users/me`, { headers: { ...auth(USER), 'x-mock-session': 'proto-body' } });
    // Strict mode checks the rule's body like any answer, and sees __proto__ as the unknown key it is.
    expect(reply.status).toBe(500);
    expect(((await reply.json()) as { error: { type: string; message: string } }).error).toMatchObject({ type: 'mock_contract_violation', message: expect.stringContaining('"__proto__" is not allowed') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('hostile HTTP: answered in the envelope, the server goes on', () => {
  const raw = async (text: string) => {
    const connection = await rawConnect(server.url);
    connection.write(text);
    const all = await Promise.race([connection.closed, new Promise<string>((resolve) => setTimeout(() => resolve(connection.received()), 5000))]);
    connection.socket.destroy();
    return parseResponses(all);
  };

  it('HTTP/1.1 without Host: a 400 envelope (not Node\'s bare 400)', async () => {
    const [reply] = await raw('GET /users/me HTTP/1.1\r\nAuthorization: Bearer tok_user_alex_full\r\n\r\n');
    expect(reply?.status).toBe(400);
    expect(reply?.body.error).toMatchObject({ code: 'host_required', param: 'Host' });
  });

  it('a URL longer than the header limit: a 431 envelope', async () => {
    const [reply] = await raw(`GET /users/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(reply?.status).toBe(431);
    expect(reply?.body.error.code).toBe('headers_too_large');
  });

  it('a header longer than the limit: a 431 envelope', async () => {
    const [reply] = await raw(`GET /users/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expect(reply?.status).toBe(431);
  });

  it('an aborted body changes nothing, and the next request is served', async () => {
    const before = await state('aborted');
    const connection = await rawConnect(server.url);
    connection.write('PATCH /users/me HTTP/1.1\r\nHost: x\r\nX-Mock-Session: aborted\r\nAuthorization: Bearer tok_user_alex_full\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":"Half');
    await new Promise((resolve) => setTimeout(resolve, 100));
    connection.socket.destroy();
    expect(await eventually(() => connection.socket.destroyed)).toBe(true);
    expect(await state('aborted')).toBe(before);
    const me = await fetch(`${server.url}/users/me`, { headers: { authorization: `Bearer ${USER}`, 'x-mock-session': 'aborted' } });
    expect(((await me.json()) as { name: string }).name).toBe('Alex Rivera');
  });

  it('is still alive and well after all of the above', async () => {
    const me = await fetch(`${server.url}/users/me`, { headers: auth(USER) });
    expect(me.status).toBe(200);
  });
});
