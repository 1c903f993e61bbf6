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
  const token = BEARER.exec(authorization)?.[1];
  if (!token) throw errors.unauthorized('The Authorization header must look like "Bearer <token>".');
  const grant = lookup(token);
  if (!grant) throw errors.unauthorized('Invalid or missing API key: this token is not known to the mock.');
  const scopes = new Set(grant.scopes);
  const missing = operation.scopes.find((scope) => !scopes.has(scope));
  if (missing) throw errors.missingScope(missing);
  return { kind: grant.kind, token, userId: grant.user_id ?? null, accountId: grant.account_id ?? null, scopes };
}
