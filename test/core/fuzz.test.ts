import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { startMock } from '../support/mock.js';

// Bounded, deterministic fuzzing over loopback: malformed paths, queries, headers and bodies.
// Every answer must be JSON — a valid success or the Whop envelope — never a crash (500
// internal_error) and never a dead server.
const COUNT = 600;

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const random = prng(20261123);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const junk = () => pick(['', '%', '%zz', '..', '\u00e9', '[]', '{}', 'null', 'x'.repeat(300), '%00', 'me', 'user_alex123', '-1', '1e309', '🙂']);

const paths = ['/users', '/users/me', '/users/alex', '/users/{x}', '/users/{x}/access/{x}', '/members', '/members/{x}', '/api/v1/users/{x}', '/{x}', '/__mock/{x}', '/api/v1', '/'];
const queries = ['first', 'last', 'after', 'before', 'query', 'statuses[]', 'statuses', 'account_id', 'company_id', 'order', 'direction', 'created_after', 'user_ids[]', 'first[]', '__proto__', 'constructor'];
const bodies = ['{', '[]', 'null', '"x"', '1', '{"name":1}', '{"__proto__":{"polluted":1}}', '{"profile_picture":{"id":null}}', '{"username":"a b"}', '{"bio":"' + 'b'.repeat(5000) + '"}', '\u0000', '{"name":"ok"}', '{"company_id":"biz_pixelforge","name":"x"}', '{"profile_picture":[]}'];
const headerSets: Array<Record<string, string>> = [
  {},
  { authorization: 'Bearer tok_user_alex_full' },
  { authorization: 'Bearer tok_key_pixelforge_full' },
  { authorization: 'Bearer' },
  { authorization: 'Basic abc' },
  { 'api-version-date': '2026-02-30' },
  { 'api-version-date': '2026-07-20', authorization: 'Bearer tok_user_alex_full' },
  { 'content-type': 'text/plain', authorization: 'Bearer tok_user_alex_full' },
  { 'x-mock-session': '../../etc', authorization: 'Bearer tok_user_alex_full' },
  { prefer: 'code=999', authorization: 'Bearer tok_user_alex_full' },
  { prefer: 'delay=-5, example=', authorization: 'Bearer tok_user_alex_full' },
];

function send(server: MockServer, method: string, path: string, headers: Record<string, string>, body: string | undefined) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

describe(`fuzzing ${COUNT} malformed requests`, () => {
  it('answers every one with JSON, never crashes, and still serves afterwards', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < COUNT; i += 1) {
      const method = pick(['GET', 'PATCH', 'POST', 'DELETE', 'PUT', 'GET', 'PATCH']);
      const path = pick(paths).replaceAll('{x}', () => encodeURIComponent(junk()).replace(/%25/g, pick(['%', '%25'])));
      const query = Array.from({ length: Math.floor(random() * 3) }, () => `${pick(queries)}=${encodeURIComponent(junk())}`).join('&');
      const body = method === 'GET' || random() < 0.2 ? undefined : pick(bodies);
      const headers = pick(headerSets);
      const reply = await send(server, method, query ? `${path}?${query}` : path, headers, body);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      let parsed: { error?: { type: string; code: string | null } };
      try {
        parsed = JSON.parse(reply.text) as typeof parsed;
      } catch {
        throw new Error(`${method} ${path}?${query} answered ${reply.status} with a body that is not JSON: ${JSON.stringify(reply.text.slice(0, 200))} (headers ${JSON.stringify(headers)}, body ${JSON.stringify(body?.slice(0, 40))})`);
      }
      if (reply.status >= 400) {
        expect(parsed.error, `${method} ${path}?${query} -> ${reply.text}`).toMatchObject({ type: expect.any(String), message: expect.any(String) });
      }
      expect(parsed.error?.code, `${method} ${path}?${query} crashed a handler`).not.toBe('internal_error');
      expect(parsed.error?.type, `${method} ${path}?${query} broke the contract: ${reply.text}`).not.toBe('mock_contract_violation');
    }
    expect([...statuses.keys()].some((status) => status >= 400 && status < 500)).toBe(true);
    const health = await send(server, 'GET', '/users/me', { authorization: 'Bearer tok_user_alex_full' }, undefined);
    expect(health.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
