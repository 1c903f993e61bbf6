import type { AccessLevel } from '../../store/records.js';
import type { WorldState } from '../../store/world-state.js';
import type { AccessResource } from './find-resource.js';

/**
 * A user's access to a resource, derived from their memberships of its company. Only a
 * `joined` member grants anything (drafted and left members have no access, whatever their
 * access_level says): an admin member is admin of the company and all its products and
 * experiences; a customer member is a customer of the company, and of each product in its
 * product_ids and each experience one of those products unlocks. Otherwise no_access.
 */
export function accessLevel(state: WorldState, userId: string, resource: AccessResource): AccessLevel {
  let level: AccessLevel = 'no_access';
  for (const member of state.members.values()) {
    if (member.user_id !== userId || member.company_id !== resource.companyId || member.status !== 'joined') continue;
    if (member.access_level === 'admin') return 'admin';
    const granted = resource.productIds === null || member.product_ids.some((id) => resource.productIds?.includes(id));
    if (member.access_level === 'customer' && granted) level = 'customer';
  }
  return level;
}
