import { isSecretName } from '../../kernel/secret-name.js';

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface TokenFacts {
  /** The kind of a token the caller's session knows (`user_oauth_token`, ...); undefined when unknown. */
  readonly kindOf: (token: string) => string | undefined;
  /** True for a token that must never show even in part (the admin token). */
  readonly isSecret: (token: string) => boolean;
}

const WHITESPACE = /\s/;

/**
 * The headers as the journal keeps them, no secret whole: `Authorization` keeps the scheme and, for
 * a bearer token, its kind and last four characters (`Bearer [user_oauth_token …full]`; the admin
 * token `Bearer [admin token]`); cookies keep their names; secret-named headers only a suffix.
 */
export function redactHeaders(headers: Headers, facts: TokenFacts): Record<string, string | readonly string[] | undefined> {
  const kept: Record<string, string | readonly string[] | undefined> = {};
  // for-in, not Object.keys: the request's headers are a plain object, and no key array is made.
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    // A single value (the usual case) is redacted without a closure per header.
    kept[name] = name === 'authorization' || name === 'proxy-authorization' ? (typeof value === 'string' ? redactCredentials(value, facts) : value.map((v) => redactCredentials(v, facts)))
      : name === 'cookie' ? (typeof value === 'string' ? redactCookie(value) : value.map(redactCookie))
      : isSecretName(name) ? (typeof value === 'string' ? redactSecret(value, facts) : value.map((v) => redactSecret(v, facts)))
      : value;
  }
  return kept;
}

function redactCredentials(value: string, facts: TokenFacts): string {
  // Split at the first whitespace (no regexp that backtracks over the token).
  const trimmed = value.trim();
  const gap = trimmed.search(WHITESPACE);
  const scheme = gap < 0 ? trimmed : trimmed.slice(0, gap);
  const credentials = gap < 0 ? undefined : trimmed.slice(gap).trimStart();
  if (credentials === undefined || credentials === '') return scheme === '' ? '' : `[redacted${suffix(scheme, facts)}]`;
  if (scheme.toLowerCase() !== 'bearer') return `${scheme} [redacted]`;
  if (facts.isSecret(credentials)) return `${scheme} [admin token]`;
  return `${scheme} [${facts.kindOf(credentials) ?? 'unknown token'}${suffix(credentials, facts)}]`;
}

function redactSecret(value: string, facts: TokenFacts): string {
  return facts.isSecret(value.trim()) ? '[admin token]' : `[redacted${suffix(value.trim(), facts)}]`;
}

/** `name=[redacted]` for every cookie: which cookies were sent, never what they hold. */
function redactCookie(value: string): string {
  return value
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=')[0]?.trim() ?? ''}=[redacted]`)
    .join('; ');
}

function suffix(secret: string, facts: TokenFacts): string {
  return facts.isSecret(secret) ? '' : lastFour(secret);
}

/** ` …` and a secret's last four characters; nothing for one under 12, of which four say too much. */
export function lastFour(secret: string): string {
  return secret.length < 12 ? '' : ` …${secret.slice(-4)}`;
}
