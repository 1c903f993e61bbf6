import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry, MockServer } from '../../src/index.js';
import { compileOperations } from '../../src/openapi/compile-operations.js';
import { loadSpecs } from '../../src/bundle/spec-files.js';
import { call, envelopeOf, LATEST, startMock } from '../support/mock.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

/** One valid request per operation: with no Prefer, each is answered 200 by the handler. */
const samples: Record<string, { method?: string; path: string; token: string; body?: unknown }> = {
  listUsers: { path: '/users?query=alex', token: 'tok_user_alex_full' },
  retrieveUser: { path: '/users/me', token: 'tok_user_alex_full' },
  updateUser: { method: 'PATCH', path: '/users/user_alex123', token: 'tok_user_alex_full', body: {} },
  updateCurrentUser: { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: {} },
  checkUserAccess: { path: '/users/user_alex123/access/biz_pixelforge', token: 'tok_user_alex_full' },
  listMembers: { path: '/members?company_id=biz_pixelforge', token: 'tok_key_pixelforge_full' },
  retrieveMember: { path: '/members/mber_pf02maya', token: 'tok_key_pixelforge_full' },
};

// Every declared status of every operation in every version, straight from the spec.
const spec = compileOperations(loadSpecs('specs'));
const cases = spec.versions.flatMap((version) =>
  (spec.operations.get(version) ?? []).flatMap((operation) =>
    operation.responses.map((response) => ({
      version,
      operationId: operation.operationId,
      status: Number(response.status),
      examples: Object.keys(response.examples),
      exampleBodies: response.examples,
    })),
  ),
);

async function send(session: string, operationId: string, version: string, prefer: string, token?: string) {
  const sample = samples[operationId];
  if (sample === undefined) throw new Error(`no sample request for ${operationId}: add one to the table`);
  const reply = await call(server, {
    method: sample.method ?? 'GET',
    path: `/api/v1${sample.path}`,
    token: token ?? sample.token,
    version,
    body: sample.body,
    headers: { 'x-mock-session': session, prefer },
  });
  const entries: JournalEntry[] = (await call(server, { path: '/__mock/requests', headers: { 'x-mock-session': session } })).body.data;
  return { reply, entries };
}

describe('Prefer: code=N for every declared status of every operation, in both versions', () => {
  it('covers both versions and all seven operations', () => {
    expect(new Set(cases.map((c) => c.version))).toEqual(new Set(server.versions));
    expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set(Object.keys(samples)));
    expect(cases.length).toBeGreaterThanOrEqual(2 * 7 * 6);
  });

  it.each(cases)('$version $operationId code=$status', async ({ version, operationId, status }) => {
    const { reply, entries } = await send(`forced-${version}-${operationId}-${status}`, operationId, version, `code=${status}`);
    expect(reply.status).toBe(status);
    if (status >= 400) expect(envelopeOf(reply).type.length).toBeGreaterThan(0);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ operationId, version, status, validation: { valid: true } });
  });

  it.each(cases.filter((c) => c.examples.length > 0))('$version $operationId code=$status with its first named example', async ({ version, operationId, status, examples, exampleBodies }) => {
    const example = examples[0] as string;
    const { reply, entries } = await send(`example-${version}-${operationId}-${status}`, operationId, version, `code=${status}, example=${example}`);
    expect(reply.status).toBe(status);
    // Error bodies are served exactly as the spec's example; success bodies are then projected and masked.
    if (status >= 400) expect(reply.body).toEqual(exampleBodies[example]);
    expect(entries[0]?.validation).toEqual({ valid: true });
  });
});

describe('Prefer that the operation cannot honour', () => {
  it.each([
    ['retrieveUser', 422],
    ['listMembers', 201],
    ['checkUserAccess', 503],
  ])('%s code=%i is not declared: a 400 from the mock naming Prefer', async (operationId, code) => {
    const { reply, entries } = await send(`undeclared-${operationId}`, operationId, LATEST, `code=${code}`);
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply)).toMatchObject({ type: 'invalid_request_error', code: 'mock_prefer_invalid', param: 'Prefer' });
    expect(envelopeOf(reply).message).toContain(`does not declare status ${code}`);
    expect(entries[0]?.validation).toEqual({ valid: true });
  });

  it('an unknown example name is a 400 listing the names', async () => {
    const { reply } = await send('unknown-example', 'retrieveUser', LATEST, 'example=nope');
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply).message).toContain('Examples: selfView');
  });

  it('a malformed Prefer is a 400', async () => {
    const { reply } = await send('malformed', 'retrieveUser', LATEST, 'code=abc');
    expect(envelopeOf(reply)).toMatchObject({ code: 'mock_prefer_invalid', param: 'Prefer' });
  });

  it('a forced code does not skip authentication (as Prism does not skip validation)', async () => {
    const { reply } = await send('auth-first', 'retrieveUser', LATEST, 'code=200', 'tok_unknown');
    expect(reply.status).toBe(401);
    const scoped = await send('scope-first', 'updateCurrentUser', LATEST, 'code=200', 'tok_user_alex_readonly');
    expect(scoped.reply.status).toBe(403);
  });

  it('a forced code does not skip request validation', async () => {
    const reply = await call(server, { path: '/users?first=0', token: 'tok_user_alex_full', headers: { prefer: 'code=404' } });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply).param).toBe('first');
  });
});

describe('Prefer that answers from the spec', () => {
  it('example= without a code picks the success example, then projects it into the version', async () => {
    const { reply, entries } = await send('example-only', 'retrieveUser', '2025-01-01', 'example=withOverride');
    expect(reply.status).toBe(200);
    expect(reply.body.id).toMatch(/^user_/);
    expect(reply.body).not.toHaveProperty('balances');
    expect(entries[0]?.validation).toEqual({ valid: true });
  });

  it('dynamic=true with an error code generates a valid envelope', async () => {
    const { reply, entries } = await send('dynamic-error', 'retrieveMember', LATEST, 'code=404; dynamic=true');
    expect(reply.status).toBe(404);
    expect(Object.keys(envelopeOf(reply)).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(entries[0]?.validation).toEqual({ valid: true });
  });
});
