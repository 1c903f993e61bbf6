import { errors } from '../errors/catalogue.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { TokenKind } from '../store/records.js';
import { anonymous, type Principal } from './principal.js';

/** What the store knows about a bearer token (fixtures/tokens.json, or registered at run time). */
export interface TokenGrant {
  token: string;
  kind: TokenKind;
  user_id?: string | undefined;
  account_id?: string | undefined;
  scopes: readonly string[];
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** What a well-formed header's token may not contain (the regexp's \S+). */
const SPACE = /\s/;

/**
 * The principal of each grant, made on its first use: stored grants are frozen records, so the
 * principal (and its scope Set) is a pure function of the object and is made once, not per
 * request. A re-registered token is a new record, hence a new principal. Weakly held: a grant
 * that leaves the store takes its principal with it.
 */
const principals = new WeakMap<TokenGrant, Principal>();

/**
 * Token -> principal -> scopes. An operation without security needs no token. A missing or
 * unknown token is 401; a known token without one of the operation's scopes is 403 naming it.
 */
export function authenticate(
  operation: Operation,
  authorization: string | undefined,
  lookup: (token: string) => TokenGrant | undefined,
): Principal {
  if (operation.scopes === null) return anonymous;
  if (!authorization) throw errors.unauthorized('Missing Authorization header. Send "Authorization: Bearer <token>".');
  const token = bearerToken(authorization);
  if (!token) throw errors.unauthorized('The Authorization header must look like "Bearer <token>".');
  const grant = lookup(token);
  if (!grant) throw errors.unauthorized('Invalid or missing API key: this token is not known to the mock.');
  const principal = principalOf(grant);
  const missing = operation.scopes.find((scope) => !principal.scopes.has(scope));
  if (missing) throw errors.missingScope(missing);
  return principal;
}

function principalOf(grant: TokenGrant): Principal {
  let principal = principals.get(grant);
  if (principal === undefined) {
    principal = Object.freeze({ kind: grant.kind, token: grant.token, userId: grant.user_id ?? null, accountId: grant.account_id ?? null, scopes: new Set(grant.scopes) });
    if (Object.isFrozen(grant)) principals.set(grant, principal);
  }
  return principal;
}

/** `Bearer <token>`: the common spelling without a regexp; anything else as the regexp reads it. */
function bearerToken(header: string): string | undefined {
  if (header.startsWith('Bearer ') && header.length > 7) {
    const token = header.slice(7);
    if (!SPACE.test(token)) return token;
  }
  return BEARER.exec(header)?.[1];
}
