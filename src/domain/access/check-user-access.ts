import { errors } from '../../kernel/catalogue.js';
import type { AccessLevel } from '../../world/records.js';
import type { WorldState } from '../../world/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import { findUser } from '../users/find-user.js';

/** What an access check is about: a company, or products of a company. */
interface AccessResource {
  id: string;
  companyId: string;
  /** null for the company itself; otherwise the products that grant customer access. */
  productIds: readonly string[] | null;
}

/**
 * GET /users/{id}/access/{resource_id}. Unknown user or resource -> 404 (checked first). Then
 * who may ask: a user token only about itself (another user -> 403); an API key or app API key
 * only about its own account's resources (another account's -> 403, an app installed nowhere
 * -> 403 for every resource). 403 rather than 404 because users, companies, products and
 * experiences are public; only the memberships behind the answer are private.
 */
export function checkUserAccess({ state, principal, path }: HandlerContext): HandlerResult {
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

/**
 * Seed 000: the resource is an account (`biz_`), product (`prod_`) or experience (`exp_`); an
 * experience is reached through any of its products. Anything else, or an unknown id, is 404.
 */
function findResource(state: WorldState, id: string): AccessResource {
  if (id.startsWith('biz_')) {
    const company = state.companies.get(id);
    if (company) return { id, companyId: company.id, productIds: null };
  } else if (id.startsWith('prod_')) {
    const product = state.products.get(id);
    if (product) return { id, companyId: product.company_id, productIds: [product.id] };
  } else if (id.startsWith('exp_')) {
    const experience = state.experiences.get(id);
    if (experience) return { id, companyId: experience.company_id, productIds: experience.product_ids };
  }
  throw errors.notFound('account, product or experience', id, 'resource_id');
}

/**
 * A user's access to a resource, derived from their memberships of its company. Only a
 * `joined` member grants anything (drafted and left members have no access, whatever their
 * access_level says): an admin member is admin of the company and all its products and
 * experiences; a customer member is a customer of the company, and of each product in its
 * product_ids and each experience one of those products unlocks. Otherwise no_access.
 */
function accessLevel(state: WorldState, userId: string, resource: AccessResource): AccessLevel {
  let level: AccessLevel = 'no_access';
  for (const member of state.members.values()) {
    if (member.user_id !== userId || member.company_id !== resource.companyId || member.status !== 'joined') continue;
    if (member.access_level === 'admin') return 'admin';
    const granted = resource.productIds === null || member.product_ids.some((id) => resource.productIds?.includes(id));
    if (member.access_level === 'customer' && granted) level = 'customer';
  }
  return level;
}
