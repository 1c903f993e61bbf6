import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, LATEST, ORIGINAL, SDK_DATE, startMock } from '../support/mock.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

const LATEST_ONLY = ['total_usd', 'balances', 'verification'];

describe('Api-Version-Date selects the served version', () => {
  it.each([
    [null, ORIGINAL],
    [ORIGINAL, ORIGINAL],
    ['2026-01-31', ORIGINAL],
    [LATEST, LATEST],
    ['2026-07-01', LATEST],
    [SDK_DATE, LATEST],
    ['2099-01-01', LATEST],
  ])('header %s is served by %s, in that version\'s shape', async (header, served) => {
    const reply = await call(server, { path: '/users/me', token: 'tok_user_alex_full', version: header });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('api-version-date')).toBe(served);
    for (const field of LATEST_ONLY) expect(field in reply.body).toBe(served === LATEST);
    expect(reply.body).toMatchObject({ id: 'user_alex123', username: 'alex' });
  });

  it.each([
    ['2024-12-31', 'the first API version is 2025-01-01'],
    ['2026-13-01', 'expected a date in the form YYYY-MM-DD'],
    ['yesterday', 'expected a date in the form YYYY-MM-DD'],
  ])('rejects %s with a 400 naming Api-Version-Date', async (header, reason) => {
    const reply = await call(server, { path: '/users/me', token: 'tok_user_alex_full', version: header });
    expect(reply.status).toBe(400);
    const error = envelopeOf(reply);
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_version', param: 'Api-Version-Date' });
    expect(error.message).toContain(reason);
    expect(reply.headers.get('api-version-date')).toBeNull();
  });

  it('serves the same data under / and /api/v1', async () => {
    const root = await call(server, { path: '/users/alex', token: 'tok_user_alex_full', version: LATEST });
    const prefixed = await call(server, { path: '/api/v1/users/alex', token: 'tok_user_alex_full', version: LATEST });
    expect(prefixed.status).toBe(200);
    expect(prefixed.body).toEqual(root.body);
  });
});
