import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, LATEST, ORIGINAL, startMock } from '../support/mock.js';

// Token x operation x target, for both versions: the status, and for errors the exact envelope
// type and param. Targets are the caller's own user (id and username), another user, an
// unknown one, and `me`.
const TARGETS = { own: 'user_alex123', username: 'alex', other: 'user_maya7Kd2', unknown: 'user_nobody', me: 'me' } as const;
type Target = keyof typeof TARGETS;
type Expect = number | [number, string, string, string | null];

const R401: Expect = [401, 'unauthorized', 'unauthorized', null];
const NF: Expect = [404, 'not_found', 'resource_not_found', 'id'];
const ME_KEY: Expect = [403, 'forbidden', 'user_token_required', 'id'];
const scope = (name: string): Expect => [403, 'forbidden', 'missing_scope', name];
const all = (value: Expect): Record<Target, Expect> => ({ own: value, username: value, other: value, unknown: value, me: value });

const retrieve: Record<string, Record<Target, Expect>> = {
  tok_user_alex_full: { own: 200, username: 200, other: 200, unknown: NF, me: 200 },
  tok_user_alex_readonly: { own: 200, username: 200, other: 200, unknown: NF, me: 200 },
  tok_user_alex_none: all(scope('user:profile:read')),
  tok_key_pixelforge_full: { own: 200, username: 200, other: 200, unknown: NF, me: ME_KEY },
  tok_app_pixelforge: { own: 200, username: 200, other: 200, unknown: NF, me: ME_KEY },
  tok_unknown: all(R401),
  '': all(R401),
};

const update = (version: string): Record<string, Record<Target, Expect>> => {
  const account = version === ORIGINAL ? 'company_id' : 'account_id';
  const missing: Expect = [400, 'invalid_request_error', 'parameter_missing', account];
  return {
    tok_user_alex_full: { own: 200, username: 200, other: [403, 'forbidden', 'forbidden', 'id'], unknown: NF, me: 200 },
    tok_user_alex_readonly: all(scope('user:profile:update')),
    tok_key_pixelforge_full: { own: missing, username: missing, other: missing, unknown: NF, me: ME_KEY },
    tok_app_pixelforge: all(scope('user:profile:update')),
    tok_unknown: all(R401),
  };
};

describe.each([ORIGINAL, LATEST])('API version %s', (version) => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMock();
  });
  afterAll(() => server.close());

  const check = async (expected: Expect, request: Parameters<typeof call>[1]) => {
    const reply = await call(server, { ...request, version });
    const [status, type, code, param] = typeof expected === 'number' ? [expected, null, null, null] : expected;
    expect(reply.status).toBe(status);
    if (type === null) {
      expect(reply.headers.get('api-version-date')).toBe(version);
      return reply;
    }
    const error = envelopeOf(reply);
    expect(error).toMatchObject({ type, code, param });
    expect(error.message.length).toBeGreaterThan(10);
    return reply;
  };

  for (const [token, row] of Object.entries(retrieve)) {
    for (const [target, expected] of Object.entries(row) as [Target, Expect][]) {
      it(`GET /users/${TARGETS[target]} with ${token || 'no token'} -> ${JSON.stringify(expected)}`, async () => {
        const reply = await check(expected, { path: `/users/${TARGETS[target]}`, token: token || null });
        if (reply.status === 200) expect(reply.body.id).toBe(target === 'other' ? 'user_maya7Kd2' : 'user_alex123');
      });
    }
  }

  for (const [token, row] of Object.entries(retrieve)) {
    it(`GET /users with ${token || 'no token'} -> ${JSON.stringify(row.own)}`, async () => {
      const reply = await check(row.own, { path: '/users?first=3', token: token || null });
      if (reply.status === 200) expect(reply.body.data.map((u: { id: string }) => u.id)).toHaveLength(3);
    });
  }

  for (const [token, row] of Object.entries(update(version))) {
    for (const [target, expected] of Object.entries(row) as [Target, Expect][]) {
      const path = target === 'me' ? '/users/me' : `/users/${TARGETS[target]}`;
      it(`PATCH ${path} with ${token} -> ${JSON.stringify(expected)}`, async () => {
        const reply = await check(expected, { method: 'PATCH', path, token, body: { name: 'Alex Rivera' } });
        if (reply.status === 200) expect(reply.body).toMatchObject({ id: 'user_alex123', name: 'Alex Rivera' });
      });
    }
  }
});
