import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/index.js';
import { call, envelopeOf, LATEST, sdkFor, startMock } from '../support/mock.js';
import { sessionPerTest } from '../support/session-per-test.js';

const mock = sessionPerTest('faults', () => startMock());
const { headers } = mock;
const addFault = async (rule: unknown) => {
  const reply = await call(mock.server(), { method: 'POST', path: '/__mock/faults', body: rule, headers: headers() });
  if (reply.status !== 201) throw new Error(`fault refused: ${JSON.stringify(reply.body)}`);
  return reply.body as { id: string };
};
const me = (extra: Record<string, string> = {}, token = 'tok_user_alex_full') =>
  call(mock.server(), { path: '/api/v1/users/me', token, version: LATEST, headers: { ...headers(), ...extra } });
const journal = async (): Promise<JournalEntry[]> => (await call(mock.server(), { path: '/__mock/requests', headers: headers() })).body.data;

describe('fault rules over HTTP', () => {
  it('answer the envelope for N matching requests, then the service is normal again', async () => {
    const fault = await addFault({ operationId: 'retrieveUser', status: 500, times: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await me()).status);
    expect(statuses).toEqual([500, 500, 500, 200, 200]);
    const entries = await journal();
    expect(entries.map((e) => e.fault_id)).toEqual([fault.id, fault.id, fault.id, null, null]);
    expect(entries[0]?.response_body).toEqual({ error: { type: 'internal_server_error', message: 'An unexpected error occurred.', code: 'internal_error', param: null } });
    expect(entries.map((e) => e.validation)).toEqual(Array(5).fill({ valid: true }));
    expect((await call(mock.server(), { path: '/__mock/faults', headers: headers() })).body).toEqual({ data: [] });
  });

  it('match by method and concrete path, and leave other operations alone', async () => {
    await addFault({ method: 'PATCH', path: '/users/me', status: 422 });
    const patched = await call(mock.server(), { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: { name: 'x' }, headers: headers() });
    expect(patched.status).toBe(422);
    expect(envelopeOf(patched)).toMatchObject({ type: 'verification_required', code: 'verification_required' });
    expect((await me()).status).toBe(200);
  });

  it('answer a given body when it is valid for the status', async () => {
    const body = { error: { type: 'not_found', message: 'Gone fishing', code: null, param: null } };
    await addFault({ operationId: 'retrieveUser', status: 404, body });
    const reply = await me();
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual(body);
    // The stored rule is not changed by serving it.
    expect((await me()).body).toEqual(body);
  });

  it('validate a given body like any response: strict mode turns a broken one into a contract violation', async () => {
    await addFault({ operationId: 'retrieveUser', status: 404, body: { oops: true } });
    const reply = await me();
    expect(reply.status).toBe(500);
    expect(envelopeOf(reply)).toMatchObject({ type: 'mock_contract_violation', code: 'response_invalid' });
    const [entry] = await journal();
    expect(entry?.validation).toMatchObject({ valid: false, pointer: '' });
    expect(entry?.status).toBe(500);
  });

  it('in warn mode a broken body is sent as given, with the violation in a header', async () => {
    const warn = await startMock({ validateResponses: 'warn' });
    try {
      const reply0 = await call(warn, { method: 'POST', path: '/__mock/faults', body: { operationId: 'retrieveUser', status: 404, body: { oops: true } } });
      expect(reply0.status).toBe(201);
      const reply = await call(warn, { path: '/users/me', token: 'tok_user_alex_full' });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ oops: true });
      expect(reply.headers.get('x-mock-contract-violation')).toContain('required');
    } finally {
      await warn.close();
    }
  });

  it('come after authentication: a bad token is 401 and does not use the rule up', async () => {
    await addFault({ operationId: 'retrieveUser', status: 500, times: 1 });
    expect((await me({}, 'tok_nobody')).status).toBe(401);
    expect((await me()).status).toBe(500);
    expect((await me()).status).toBe(200);
  });

  it('drop the connection: fetch rejects, the journal says so, the next request is served', async () => {
    const fault = await addFault({ operationId: 'retrieveUser', drop: true, times: 1 });
    await expect(me()).rejects.toThrow();
    expect((await me()).status).toBe(200);
    const [dropped, served] = await journal();
    expect(dropped).toMatchObject({ status: null, response_body: null, fault_id: fault.id, validation: null, operationId: 'retrieveUser' });
    expect(served?.status).toBe(200);
  });

  it('add latency (delay_ms), and Prefer: delay adds its own', async () => {
    await addFault({ operationId: 'retrieveUser', delay_ms: 300, times: 1 });
    let started = performance.now();
    expect((await me()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    started = performance.now();
    expect((await me({ prefer: 'delay=250' })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
    const entries = await journal();
    expect(entries.map((e) => e.duration_ms >= 245)).toEqual([true, true]);
  });
});

describe('the official @whop/sdk through an injected 500', () => {
  it('retries with its default policy and succeeds; the journal shows both attempts', async () => {
    const fault = await addFault({ operationId: 'retrieveUser', status: 500, times: 1 });
    // The SDK's own retry policy (2 retries), not the tests' usual none.
    const client = sdkFor(mock.server(), { apiKey: 'tok_user_alex_full', maxRetries: 2, defaultHeaders: { 'X-Mock-Session': mock.session() } });
    const user = await client.users.retrieve('me');
    expect(user).toMatchObject({ id: 'user_alex123', username: 'alex' });
    const attempts = await journal();
    expect(attempts.map((e) => [e.status, e.fault_id, e.headers['x-stainless-retry-count']])).toEqual([
      [500, fault.id, '0'],
      [200, null, '1'],
    ]);
    expect(attempts.map((e) => e.version)).toEqual([LATEST, LATEST]);
  });

  it('retries through a sequence of two 500s to the real answer (the README example), each attempt naming its step', async () => {
    const fault = await addFault({ operationId: 'retrieveUser', sequence: [{ status: 500 }, { status: 500 }, { pass: true }] });
    const client = sdkFor(mock.server(), { apiKey: 'tok_user_alex_full', maxRetries: 2, defaultHeaders: { 'X-Mock-Session': mock.session() } });
    expect((await client.users.retrieve('me')).id).toBe('user_alex123');
    expect((await journal()).map((e) => [e.status, e.fault_id, e.fault_step, e.headers['x-stainless-retry-count']])).toEqual([
      [500, fault.id, 0, '0'],
      [500, fault.id, 1, '1'],
      [200, fault.id, 2, '2'],
    ]);
  });
});
