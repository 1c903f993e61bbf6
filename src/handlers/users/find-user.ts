import type { Principal } from '../../auth/principal.js';
import { errors } from '../../errors/catalogue.js';
import type { UserRecord } from '../../store/records.js';
import type { WorldState } from '../../store/world-state.js';

/**
 * Seed 002: a user is named by a `user_` id, a username, or `me` (the user a user OAuth token
 * acts for). Unknown -> 404; `me` with an API key -> 403 (it has no user of its own).
 */
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

/**
 * The account a request names: `account_id` (query, latest version) or `company_id` (body or
 * query, original version). An API key may only name its own account; an unknown one is 404.
 */
export function accountOf(
  state: WorldState,
  principal: Principal,
  query: Record<string, unknown>,
  body: Record<string, unknown> | undefined,
): { accountId: string | null; param: string } {
  const fromQuery = typeof query.account_id === 'string' ? { id: query.account_id, param: 'account_id' } : undefined;
  const fromCompany = typeof query.company_id === 'string' ? { id: query.company_id, param: 'company_id' } : undefined;
  const fromBody = typeof body?.company_id === 'string' ? { id: body.company_id, param: 'company_id' } : undefined;
  const named = fromQuery ?? fromCompany ?? fromBody;
  if (!named) return { accountId: null, param: 'account_id' };
  if (!state.companies.get(named.id)) throw errors.notFound('account', named.id, named.param);
  if (principal.kind !== 'user_oauth_token' && principal.accountId !== named.id) throw errors.otherAccount(named.param, named.id);
  return { accountId: named.id, param: named.param };
}
