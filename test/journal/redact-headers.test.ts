import { describe, expect, it } from 'vitest';
import { redactHeaders, type TokenFacts } from '../../src/state/journal/redact-headers.js';

const facts: TokenFacts = {
  kindOf: (token) => (token === 'tok_user_alex_full' ? 'user_oauth_token' : undefined),
  isSecret: (token) => token === 'admin-s3cret-token',
};

/** The split a `scheme credentials` header had as one regexp: the reference the cheaper split must match. */
function reference(value: string): { scheme: string; credentials: string | undefined } {
  const match = /^\s*(\S+)(?:\s+(.*?))?\s*$/.exec(value);
  return { scheme: match?.[1] ?? '', credentials: match?.[2] };
}

function authorization(value: string): unknown {
  return redactHeaders({ authorization: value }, facts).authorization;
}

describe('redactHeaders: Authorization split into scheme and credentials', () => {
  it('reads the scheme and the credentials whatever whitespace surrounds them', () => {
    expect(authorization('Bearer tok_user_alex_full')).toBe('Bearer [user_oauth_token …full]');
    expect(authorization('  Bearer \t tok_user_alex_full \r\n')).toBe('Bearer [user_oauth_token …full]');
    expect(authorization('bearer\u00a0tok_user_alex_full')).toBe('bearer [user_oauth_token …full]');
    expect(authorization('Bearer admin-s3cret-token')).toBe('Bearer [admin token]');
    expect(authorization('Bearer a b c d e f g h')).toBe('Bearer [unknown token … g h]');
    expect(authorization('Basic dXNlcjpwYXNzd29yZA==')).toBe('Basic [redacted]');
    expect(authorization('Bearer   ')).toBe('[redacted]');
    expect(authorization('tok_user_alex_full')).toBe('[redacted …full]');
    expect(authorization('admin-s3cret-token')).toBe('[redacted]');
    expect(authorization(' \t ')).toBe('');
    expect(authorization('')).toBe('');
  });

  it('gives the same answer as the single regexp it replaces, on every mix of spaces and words', () => {
    const parts = ['', ' ', '\t', '\u2003', 'Bearer', 'tok_user_alex_full', 'x', 'admin-s3cret-token'];
    const values: string[] = [];
    for (const a of parts) for (const b of parts) for (const c of parts) for (const d of parts) values.push(a + b + c + d);
    for (const value of values) {
      const { scheme, credentials } = reference(value);
      const expected = credentials === undefined || credentials === ''
        ? (scheme === '' ? '' : `[redacted${scheme.length < 12 || facts.isSecret(scheme) ? '' : ` …${scheme.slice(-4)}`}]`)
        : scheme.toLowerCase() !== 'bearer' ? `${scheme} [redacted]`
        : facts.isSecret(credentials) ? `${scheme} [admin token]`
        : `${scheme} [${facts.kindOf(credentials) ?? 'unknown token'}${credentials.length < 12 ? '' : ` …${credentials.slice(-4)}`}]`;
      expect(authorization(value), JSON.stringify(value)).toBe(expected);
    }
  });

  it('redacts each value of a repeated header the same way', () => {
    expect(redactHeaders({ 'proxy-authorization': [' Bearer  tok_user_alex_full', 'Basic x'] }, facts)['proxy-authorization']).toEqual(['Bearer [user_oauth_token …full]', 'Basic [redacted]']);
    expect(redactHeaders({ cookie: ['a=1; b=2', 'c=3'], 'x-api-key': ['key_live_0123456789', 'admin-s3cret-token'], accept: ['a', 'b'] }, facts)).toEqual({
      cookie: ['a=[redacted]; b=[redacted]', 'c=[redacted]'],
      'x-api-key': ['[redacted …6789]', '[admin token]'],
      accept: ['a', 'b'],
    });
  });
});
