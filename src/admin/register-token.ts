import { randomBytes } from 'node:crypto';
import { errors } from '../errors/catalogue.js';
import type { RecordValidators } from '../store/record-validators.js';
import type { TokenKind } from '../store/records.js';
import type { WorldState } from '../store/world-state.js';
import { seedRecord } from './seed-record.js';

/** POST /__mock/tokens and `session.registerToken()`: a token record whose `token` may be left out. */
export interface TokenRegistration {
  /** Generated (`tok_mock_...`) when left out. */
  readonly token?: string;
  readonly kind: TokenKind;
  /** Required for `user_oauth_token`. */
  readonly user_id?: string;
  /** Required for `account_api_key`; optional for `app_api_key`. */
  readonly account_id?: string;
  readonly scopes: readonly string[];
  readonly description?: string;
}

/**
 * Validates and stores a bearer token in the session, by the rules of a fixture token (the record
 * schema, its user and account exist, and every scope is one some operation uses: a typo would
 * otherwise come back later as a puzzling 403). Returns the token.
 */
export function registerToken(state: WorldState, input: unknown, validators: RecordValidators, knownScopes: ReadonlySet<string>): string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw errors.recordInvalid('token', 'body', 'must be a JSON object like {"kind": "user_oauth_token", "user_id": "...", "scopes": [...]}');
  }
  const scopes: unknown = (input as { scopes?: unknown }).scopes;
  const list: readonly unknown[] = Array.isArray(scopes) ? scopes : [];
  const at = list.findIndex((scope) => typeof scope === 'string' && !knownScopes.has(scope));
  if (at !== -1) {
    throw errors.recordInvalid('token', `scopes.${at}`, `/scopes/${at} "${String(list[at])}" is not a scope any operation uses (known: ${[...knownScopes].sort().join(', ')})`);
  }
  const record = 'token' in input ? input : { token: `tok_mock_${randomBytes(12).toString('hex')}`, ...input };
  return seedRecord(state, 'tokens', record, validators).token;
}
