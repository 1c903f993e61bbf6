import { errors } from '../../errors/catalogue.js';
import type { WorldState } from '../../store/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import { findUser } from '../users/find-user.js';
import { accessLevel } from './access-level.js';
import { findResource } from './find-resource.js';

/**
 * GET /users/{id}/access/{resource_id}. Unknown user or resource -> 404 (checked first). Then
 * who may ask: a user token only about itself (another user -> 403); an API key or app API key
 * only about its own account's resources (another account's -> 403, an app installed nowhere
 * -> 403 for every resource). 403 rather than 404 because users, companies, products and
 * experiences are public; only the memberships behind the answer are private.
 */
export function checkUserAccess({ state, principal, path }: HandlerContext<WorldState>): HandlerResult {
  const user = findUser(state, principal, path.id ?? 'me');
  const resource = findResource(state, path.resource_id ?? '');
  if (principal.kind === 'user_oauth_token') {
    if (user.id !== principal.userId) throw errors.ownAccessOnly();
  } else if (principal.accountId === null || resource.companyId !== principal.accountId) {
    throw errors.resourceOfOtherAccount(resource.id);
  }
  const level = accessLevel(state, user.id, resource);
  return { status: 200, body: { has_access: level !== 'no_access', access_level: level } };
}
