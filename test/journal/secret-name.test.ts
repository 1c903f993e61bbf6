import { describe, expect, it } from 'vitest';
import { redactBody, redactSecretFieldsText } from '../../src/state/journal/redact-body.js';
import { redactHeaders } from '../../src/state/journal/redact-headers.js';
import { redactQueryString } from '../../src/state/journal/redact-query.js';
import { isSecretName, wordsOf } from '../../src/kernel/secret-name.js';
import { formatJson } from '../../src/logging/log-format.js';

// The one secret-name rule (src/journal/secret-name.ts), and every place that redacts by it.
const SECRET = [
  // JSON fields, camelCase and snake_case
  'refreshToken', 'clientSecret', 'authToken', 'sessionToken', 'secret_key', 'private_key', 'credentials', 'userPassword',
  'authorization', 'password', 'client_secret', 'access_token', 'api_key', 'apiKey', 'APIKey', 'phone', 'phone_number',
  'email', 'e_mail_address', 'mobile', 'passwd', 'passphrase', 'oauth2Token', 'accesstoken', 'id_token', 'tokens',
  // headers (Node lower-cases their names)
  'x-private-key', 'x-signature', 'x-session-id', 'x-api-key', 'x-apikey', 'x-auth-token', 'x-csrf-token', 'x-amz-credential',
  'x-session', 'session', 'set-cookie', 'cookie', 'proxy-authorization', 'x-jwt-assertion',
];
const NOT_SECRET = [
  'x-mock-session', 'content-type', 'accept-encoding', 'idempotency-key', 'user-agent', 'api-version-date', 'keep-alive', 'host',
  'username', 'name', 'bio', 'profile_picture', 'company_id', 'code', 'key', 'sig', 'session_name', 'mock_session', 'author',
  'designation', 'cursor', 'status', 'message', 'param', 'type', 'x-request-id', 'x-stainless-package-version',
];

describe('isSecretName: one rule, case-insensitive, camelCase- and snake_case-aware', () => {
  it.each(SECRET)('%s is secret', (name) => expect(isSecretName(name)).toBe(true));
  it.each(NOT_SECRET)('%s is not', (name) => expect(isSecretName(name)).toBe(false));

  it('reads a name as words', () => {
    expect(wordsOf('X-Private-Key')).toEqual(['x', 'private', 'key']);
    expect(wordsOf('refreshToken')).toEqual(['refresh', 'token']);
    expect(wordsOf('APIKey')).toEqual(['api', 'key']);
    expect(wordsOf('user_Password2')).toEqual(['user', 'password2']);
  });

  it('a query parameter is also secret by the whole names key, code and sig (not a JSON field)', () => {
    for (const name of ['jwt', 'session', 'code', 'key', 'sig', 'signature', 'access_token', 'client_secret', 'api_key']) expect(isSecretName(name, 'query'), name).toBe(true);
    for (const name of ['code', 'key', 'sig']) expect(isSecretName(name), name).toBe(false);
    for (const name of ['first', 'after', 'query', 'company_id', 'statuses[]', 'order']) expect(isSecretName(name, 'query'), name).toBe(false);
  });
});

describe('every redaction uses it', () => {
  const facts = { kindOf: () => undefined, isSecret: () => false };

  it('headers: secret names keep a suffix at most; X-Mock-Session (a session name) stays', () => {
    const kept = redactHeaders({ 'x-private-key': 'pk_live_0123456789abcd', 'x-signature': 'sig=abcdef0123456789', 'x-session-id': 'sess_0123456789wxyz', 'x-mock-session': 'checkout-tests', accept: '*/*' }, facts);
    expect(kept).toEqual({ 'x-private-key': '[redacted …abcd]', 'x-signature': '[redacted …6789]', 'x-session-id': '[redacted …wxyz]', 'x-mock-session': 'checkout-tests', accept: '*/*' });
  });

  it('query strings: ?jwt= and ?session= redacted, the rest as sent', () => {
    const encoded = (text: string) => encodeURIComponent(text);
    expect(redactQueryString('jwt=eyJhbGciOiJIUzI1NiJ9.e30.sig&session=s3cr3t-session&first=5')).toBe(`jwt=${encoded('[redacted ….sig]')}&session=${encoded('[redacted …sion]')}&first=5`);
  });

  it('bodies: every secret-named field, at any depth, whole; booleans and null stay', () => {
    const body = { refreshToken: 'rt_1', nested: { clientSecret: 'cs_1', list: [{ private_key: 'pk_1' }] }, credentials: { user: 'u', pass: 'p' }, email_verified: true, phone: null, name: 'Kept' };
    expect(redactBody(body)).toEqual({ refreshToken: '[redacted refreshToken]', nested: { clientSecret: '[redacted clientSecret]', list: [{ private_key: '[redacted private_key]' }] }, credentials: '[redacted credentials]', email_verified: true, phone: null, name: 'Kept' });
    const text = JSON.stringify({ name: 'x', authToken: 'at_123456' });
    expect(redactSecretFieldsText(text, 1024)).toBe('{"name":"x","authToken":"[redacted authToken]"}');
    // No name that could be secret: the very same text, not parsed.
    const plain = '{"name":"Alexandra","bio":"hello"}';
    expect(redactSecretFieldsText(plain, 1024)).toBe(plain);
  });

  it('log lines: secret-named fields never written, in either format', () => {
    const line = formatJson({ time: 0, level: 'warn', message: 'm', fields: { sessionToken: 'st_secret_1', nested: { 'x-private-key': 'pk_secret_2' }, code: 'kept_code', mock_session: 'kept-session' } });
    expect(line).not.toContain('st_secret_1');
    expect(line).not.toContain('pk_secret_2');
    expect(line).toContain('kept_code');
    expect(line).toContain('kept-session');
  });
});
