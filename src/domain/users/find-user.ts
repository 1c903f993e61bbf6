import type { Principal } from '../principal.js';
import { errors } from '../../kernel/catalogue.js';
import type { UserRecord } from '../../world/records.js';
import type { WorldState } from '../../world/world-state.js';

/** Seed 002: a `user_` id, a username, or `me` (a user token's own user; 403 for a key). Unknown -> 404. */
export function findUser(state: WorldState, principal: Principal, id: string): UserRecord {
  if (id === 'me') {
    if (principal.kind !== 'user_oauth_token' || !principal.userId) throw errors.meNeedsUserToken();
    const own = state.users.get(principal.userId);
    if (!own) throw errors.notFound('user', principal.userId);
    return own;
  }
  const user = id.startsWith('user_') ? state.users.get(id) : state.users.findBy('username', id);
  if (!user) throw errors.notFound('user', id);
  return user;
}

/** The `account_id` named (query, or body in the original version): a key's own only; unknown -> 404. */
export function accountOf(
  state: WorldState,
  principal: Principal,
  query: Record<string, unknown>,
  body: Record<string, unknown> | undefined,
): string | null {
  const named = typeof query.account_id === 'string' ? query.account_id : typeof body?.account_id === 'string' ? body.account_id : undefined;
  if (named === undefined) return null;
  if (!state.companies.get(named)) throw errors.notFound('account', named, 'account_id');
  if (principal.kind !== 'user_oauth_token' && principal.accountId !== named) throw errors.otherAccount('account_id', named);
  return named;
}
