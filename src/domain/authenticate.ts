import { errors } from '../kernel/catalogue.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { TokenRecord } from '../world/records.js';
import { anonymous, type Principal } from './principal.js';

/** What the store knows about a bearer token (fixtures/tokens.json, or registered at run time). */
type TokenGrant = Omit<TokenRecord, 'description'>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** What a well-formed header's token may not contain (the regexp's \S+). */
const SPACE = /\s/;

/**
 * The principal of each frozen grant, made on its first use rather than per request (a re-registered
 * token is a new record, hence a new principal). Weakly held, so it leaves with its grant.
 */
const principals = new WeakMap<TokenGrant, Principal>();

/** Token -> principal -> scopes: missing or unknown token 401, a missing scope 403 naming it. */
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
