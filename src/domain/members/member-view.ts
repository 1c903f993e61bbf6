import { errors } from '../../kernel/catalogue.js';
import type { MemberRecord } from '../../world/records.js';
import type { WorldState } from '../../world/world-state.js';

/** The member's user as its company sees it (its name override, seed 002); the pipeline masks the email. */
export function memberUserView(state: WorldState, member: MemberRecord) {
  const user = member.user_id === null ? undefined : state.users.get(member.user_id);
  if (!user) return null;
  return { id: user.id, email: user.email, name: user.overrides[member.company_id]?.name ?? user.name, username: user.username };
}

/** Seed 003's Member object, the same in both API versions. Phone is masked by the pipeline. */
export function memberView(state: WorldState, member: MemberRecord) {
  const company = state.companies.get(member.company_id);
  // Fixture integrity guarantees the company, and no operation deletes companies.
  if (!company) throw errors.internal();
  return {
    id: member.id,
    created_at: member.created_at,
    updated_at: member.updated_at,
    joined_at: member.joined_at,
    access_level: member.access_level,
    status: member.status,
    most_recent_action: member.most_recent_action,
    most_recent_action_at: member.most_recent_action_at,
    user: memberUserView(state, member),
    phone: member.phone,
    usd_total_spent: member.usd_total_spent,
    company: { id: company.id, title: company.title, route: company.route },
  };
}
