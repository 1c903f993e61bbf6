import { randomBytes } from 'node:crypto';
import { errors } from '../kernel/catalogue.js';
import { isObject } from '../kernel/json-pointer.js';
import type { RecordValidators } from '../world/record-validators.js';
import type { TokenRecord } from '../world/records.js';
import type { WorldState } from '../world/world-state.js';
import { seedRecord } from './seed-record.js';

/** POST /__mock/tokens and `session.registerToken()`: a token record whose `token` may be left out (then `tok_mock_...`). */
export type TokenRegistration = Omit<TokenRecord, 'token'> & Partial<Pick<TokenRecord, 'token'>>;

/** Stores a token by a fixture token's rules; scopes must be known (a typo would come back as a puzzling 403). */
export function registerToken(state: WorldState, input: unknown, validators: RecordValidators, knownScopes: ReadonlySet<string>): string {
  if (!isObject(input)) {
    throw errors.recordInvalid('token', 'body', 'must be a JSON object like {"kind": "user_oauth_token", "user_id": "...", "scopes": [...]}');
  }
  const list: readonly unknown[] = Array.isArray(input.scopes) ? input.scopes : [];
  const at = list.findIndex((scope) => typeof scope === 'string' && !knownScopes.has(scope));
  if (at !== -1) {
    throw errors.recordInvalid('token', `scopes.${at}`, `/scopes/${at} "${String(list[at])}" is not a scope any operation uses (known: ${[...knownScopes].sort().join(', ')})`);
  }
  const record = 'token' in input ? input : { token: `tok_mock_${randomBytes(12).toString('hex')}`, ...input };
  return seedRecord(state, 'tokens', record, validators).token;
}
