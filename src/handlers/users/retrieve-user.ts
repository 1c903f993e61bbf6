import type { WorldState } from '../../store/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import { recordBody } from '../record-body.js';
import { accountOf, findUser } from './find-user.js';
import { isSelfView, userView, userViewFrom, userViewSources } from './user-view.js';

/**
 * GET /users/{id}: a user id, username or `me`, optionally as one account shows them. The plain
 * view (no account's override, no balances) names its records, so its served JSON is remembered
 * (recordBody); an account's view or the self-view with balances is built every time.
 */
export function retrieveUser({ state, principal, path, query }: HandlerContext<WorldState>): HandlerResult {
  const id = path.id ?? 'me';
  const user = findUser(state, principal, id);
  const { accountId } = accountOf(state, principal, query, undefined);
  const withBalances = isSelfView(id, principal);
  if (accountId === null && !withBalances) return { status: 200, body: recordBody(userViewSources(state, user), userViewFrom) };
  return { status: 200, body: userView(state, user, { accountId, withBalances }) };
}
