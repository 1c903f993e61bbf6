import type { HandlerContext, HandlerResult } from '../handler.js';
import { accountOf, findUser } from './find-user.js';
import { isSelfView, userView } from './user-view.js';

/** GET /users/{id}: a user id, username or `me`, optionally as one account shows them. */
export function retrieveUser({ state, principal, path, query }: HandlerContext): HandlerResult {
  const id = path.id ?? 'me';
  const user = findUser(state, principal, id);
  const accountId = accountOf(state, principal, query, undefined);
  return { status: 200, body: userView(state, user, { accountId, withBalances: isSelfView(id, principal) }) };
}
