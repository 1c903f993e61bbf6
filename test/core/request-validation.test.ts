import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, copyOf, editFile, envelopeOf, LATEST, startMock, type Call } from '../support/mock.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

const alex = { token: 'tok_user_alex_full' };

describe('request validation, location by location, answers the Whop envelope', () => {
  it.each<[string, Call, string, string]>([
    ['query: integer expected', { path: '/users?first=ten', ...alex }, 'parameter_invalid', 'first'],
    ['query: above the maximum', { path: '/users?first=51', ...alex }, 'parameter_invalid', 'first'],
    ['query: below the minimum', { path: '/users?last=0', ...alex }, 'parameter_invalid', 'last'],
    ['query: unknown parameter', { path: '/users?limit=5', ...alex }, 'parameter_invalid', 'limit'],
    ['query: parameter of the other version', { path: '/users/alex?account_id=biz_pixelforge', ...alex }, 'parameter_invalid', 'account_id'],
    ['query: array item not in the enum (SDK brackets)', { path: '/members?statuses%5B%5D=joined&statuses%5B%5D=gone', token: 'tok_key_pixelforge_full' }, 'parameter_invalid', 'statuses.1'],
    ['query: date-time format', { path: '/members?created_after=last-week', token: 'tok_key_pixelforge_full' }, 'parameter_invalid', 'created_after'],
    ['body: wrong type', { method: 'PATCH', path: '/users/me', body: { name: 42 }, ...alex }, 'parameter_invalid', 'name'],
    ['body: too long', { method: 'PATCH', path: '/users/me', body: { name: 'x'.repeat(101) }, ...alex }, 'parameter_invalid', 'name'],
    ['body: pattern', { method: 'PATCH', path: '/users/me', body: { username: 'no spaces' }, ...alex }, 'parameter_invalid', 'username'],
    ['body: unknown field', { method: 'PATCH', path: '/users/me', body: { nickname: 'al' }, ...alex }, 'parameter_invalid', 'nickname'],
    ['body: nested required', { method: 'PATCH', path: '/users/me', body: { profile_picture: {} }, ...alex }, 'parameter_missing', 'profile_picture.id'],
    ['body: not an object', { method: 'PATCH', path: '/users/me', body: ['name'], ...alex }, 'parameter_invalid', 'body'],
    ['body: missing where required (latest)', { method: 'PATCH', path: '/users/me', version: LATEST, ...alex }, 'parameter_missing', 'body'],
    ['body: null not allowed in latest', { method: 'PATCH', path: '/users/me', version: LATEST, body: { bio: null }, ...alex }, 'parameter_invalid', 'bio'],
    ['body: company_id is not a latest field', { method: 'PATCH', path: '/users/me', version: LATEST, body: { company_id: 'biz_pixelforge' }, ...alex }, 'parameter_invalid', 'company_id'],
  ])('%s', async (_name, request, code, param) => {
    const before = await call(server, { path: '/users/me', token: 'tok_user_alex_full' });
    const reply = await call(server, request);
    expect(reply.status).toBe(400);
    const error = envelopeOf(reply);
    expect(error).toMatchObject({ type: 'invalid_request_error', code, param });
    expect(error.message).toMatch(new RegExp(param.split('.')[0] as string));
    const after = await call(server, { path: '/users/me', token: 'tok_user_alex_full' });
    expect(after.body).toEqual(before.body);
  });

  it('malformed JSON is 400 invalid_json and changes nothing', async () => {
    const reply = await call(server, { method: 'PATCH', path: '/users/me', rawBody: '{"name": "x"', headers: { 'content-type': 'application/json' }, ...alex });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply)).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json', param: null });
    const after = await call(server, { path: '/users/me', ...alex });
    expect(after.body.name).toBe('Alex Rivera');
  });

  it('a non-JSON content type is refused with a message naming it', async () => {
    const reply = await call(server, { method: 'PATCH', path: '/users/me', rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...alex });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply)).toMatchObject({ code: 'parameter_invalid', param: 'Content-Type' });
  });
});

describe('path and header parameters are validated against the spec too', () => {
  let strict: MockServer;
  beforeAll(async () => {
    // A copy of the specs whose retrieveUser path id has a pattern and listUsers a required header.
    const specs = copyOf('specs');
    editFile(join(specs, '2025-01-01.yaml'), (text) =>
      text
        .replace(/(    UserIdPath:\n(?:.*\n)*?      schema:\n        type: string\n)/, '$1        pattern: "^[A-Za-z0-9_-]+$"\n')
        .replace(/(operationId: listUsers\n(?:.*\n)*?      parameters:\n)/, "$1        - name: X-Request-Tag\n          in: header\n          required: true\n          schema: { type: string, maxLength: 8 }\n"),
    );
    strict = await startMock({ specs });
  });
  afterAll(() => strict.close());

  it('path: a value outside the pattern is 400 naming the path parameter', async () => {
    const reply = await call(strict, { path: '/users/al!ex', ...alex });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply)).toMatchObject({ code: 'parameter_invalid', param: 'id' });
  });

  it('header: a missing required header is parameter_missing, a bad one parameter_invalid', async () => {
    const missing = await call(strict, { path: '/users', ...alex });
    expect(missing.status).toBe(400);
    expect(envelopeOf(missing)).toMatchObject({ code: 'parameter_missing', param: 'x-request-tag' });
    const tooLong = await call(strict, { path: '/users', headers: { 'x-request-tag': 'much-too-long' }, ...alex });
    expect(envelopeOf(tooLong)).toMatchObject({ code: 'parameter_invalid', param: 'x-request-tag' });
    const fine = await call(strict, { path: '/users', headers: { 'x-request-tag': 'ok' }, ...alex });
    expect(fine.status).toBe(200);
  });
});
