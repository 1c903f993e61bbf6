import type { Principal } from '../principal.js';
import { errors } from '../../kernel/catalogue.js';
import type { MemberRecord } from '../../world/records.js';
import type { WorldState } from '../../world/world-state.js';

/**
 * Issue 4: an API key (or an installed app's API key) sees only its own account's members; a
 * user token sees only its own memberships. Anything else is treated as absent (404), so no
 * response ever carries another company's member.
 */
export function canSeeMember(principal: Principal, member: MemberRecord): boolean {
  if (principal.kind === 'user_oauth_token') return principal.userId !== null && member.user_id === principal.userId;
  return principal.accountId !== null && member.company_id === principal.accountId;
}

/**
 * The company GET /members lists. The spec: "An account API key that omits it lists its own
 * account's members; other callers must send it". An unknown company is 404; an API key naming
 * another account is 403 (as on the Users endpoints: companies are public, their members are not).
 */
export function listedCompany(state: WorldState, principal: Principal, query: Record<string, unknown>): string {
  const named = typeof query.company_id === 'string' ? query.company_id : undefined;
  const isKey = principal.kind !== 'user_oauth_token';
  if (named === undefined) {
    if (isKey && principal.accountId !== null) return principal.accountId;
    throw errors.parameterMissing('company_id');
  }
  if (!state.companies.get(named)) throw errors.notFound('company', named, 'company_id');
  if (isKey && principal.accountId !== named) throw errors.otherAccount('company_id', named);
  return named;
}
