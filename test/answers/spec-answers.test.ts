import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { compileOperations } from '../../src/openapi/compile-operations.js';
import { loadSpecs } from '../../src/bundle/spec-files.js';
import { call, fetchOf, LATEST, startMock } from '../support/mock.js';

// A file of its own: whether Prism was loaded is per process (vitest gives each file its own).
const cache = createRequire(import.meta.url).cache;
const prismLoaded = () => Object.keys(cache).some((path) => path.includes('/node_modules/@stoplight/prism-http/'));

/** One valid request per operation (as in forced-codes.test.ts). */
const samples: Record<string, { method?: string; path: string; token: string; body?: unknown }> = {
  listUsers: { path: '/users?query=alex', token: 'tok_user_alex_full' },
  retrieveUser: { path: '/users/me', token: 'tok_user_alex_full' },
  updateUser: { method: 'PATCH', path: '/users/user_alex123', token: 'tok_user_alex_full', body: {} },
  updateCurrentUser: { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: {} },
  checkUserAccess: { path: '/users/user_alex123/access/biz_pixelforge', token: 'tok_user_alex_full' },
  listMembers: { path: '/members?company_id=biz_pixelforge', token: 'tok_key_pixelforge_full' },
  retrieveMember: { path: '/members/mber_pf02maya', token: 'tok_key_pixelforge_full' },
};

const spec = compileOperations(loadSpecs('specs'));
const cases = spec.versions.flatMap((version) =>
  (spec.operations.get(version) ?? []).flatMap((operation) => operation.responses.map((response) => ({ version, operationId: operation.operationId, status: Number(response.status) }))),
);

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

async function dynamic(operationId: string, version: string, prefer: string, session: string) {
  const sample = samples[operationId];
  if (!sample) throw new Error(`no sample for ${operationId}`);
  return call(server, { method: sample.method ?? 'GET', path: `/api/v1${sample.path}`, token: sample.token, version, body: sample.body, headers: { prefer, 'x-mock-session': session } });
}

describe('Prefer: dynamic=true and example= on stateful operations answer without Prism', () => {
  it.each(cases)('$version $operationId code=$status, dynamic: a valid generated body, the same for the same request', async ({ version, operationId, status }) => {
    const session = `dyn-${version}-${operationId}-${status}`;
    const first = await dynamic(operationId, version, `code=${status}, dynamic=true`, session);
    expect(first.status).toBe(status);
    const again = await dynamic(operationId, version, `code=${status}, dynamic=true`, session);
    expect(again.body).toEqual(first.body);
    const entries = (await call(server, { path: '/__mock/requests', headers: { 'x-mock-session': session } })).body.data;
    expect(entries.map((e: { validation: unknown }) => e.validation)).toEqual([{ valid: true }, { valid: true }]);
  });

  it('generates data, not the example: a list has items the fixtures do not hold', async () => {
    const reply = await dynamic('listMembers', LATEST, 'dynamic=true', 'dyn-list');
    expect(reply.status).toBe(200);
    expect(reply.body.data.length).toBeGreaterThan(0);
    expect(reply.body.data.map((m: { id: string }) => m.id)).not.toContain('mber_pf02maya');
    for (const member of reply.body.data) expect(member.id).toMatch(/^mber_[A-Za-z0-9]+$/);
  });

  it('another request (another query) gets another body', async () => {
    const one = await call(server, { path: '/users?query=a', token: 'tok_user_alex_full', version: LATEST, headers: { prefer: 'dynamic=true' } });
    const two = await call(server, { path: '/users?query=b', token: 'tok_user_alex_full', version: LATEST, headers: { prefer: 'dynamic=true' } });
    expect(one.status).toBe(200);
    expect(two.body).not.toEqual(one.body);
  });

  it('never loaded Prism: the bundled specs have a handler for every operation', () => {
    expect(server.operations.every((op) => op.stateful)).toBe(true);
    expect(prismLoaded()).toBe(false);
  });
});

describe('a trailing slash with dynamic=true (found by the fuzz: /users/ answered 500)', () => {
  it.each(['/users/', '/members/?company_id=biz_pixelforge'])('%s', async (path) => {
    const reply = await fetchOf(server)(`${server.url}${path}`, { headers: { authorization: 'Bearer tok_key_pixelforge_full', prefer: 'dynamic=true' } });
    expect(reply.status).toBe(200);
    expect(Array.isArray(((await reply.json()) as { data: unknown }).data)).toBe(true);
  });
});
