import { errors } from '../../errors/catalogue.js';
import type { CompanyRecord, MemberRecord, UserRecord } from '../../store/records.js';
import type { WorldState } from '../../store/world-state.js';

/**
 * The member's user as the member's company sees it, read from the live user record: a rename
 * through PATCH /users/{id} shows at once. `name` applies the company's profile override, as
 * GET /users/{id}?company_id= does (seed 002: a company keeps its own override of a user's name).
 * Email is unmasked here; the pipeline nulls it without member:email:read (x-field-scopes).
 */
export function memberUserView(state: WorldState, member: MemberRecord) {
  return userViewOf(member, member.user_id === null ? undefined : state.users.get(member.user_id));
}

/** Seed 003's Member object, the same in both API versions. Phone is masked by the pipeline. */
export function memberView(state: WorldState, member: MemberRecord) {
  return memberViewFrom(memberViewSources(state, member));
}

/**
 * Every record `memberView` reads: the member, its user (the live record) and its company. A
 * list's items are remembered by these (src/answers/item-sources.ts).
 */
export function memberViewSources(state: WorldState, member: MemberRecord): MemberViewSource {
  return [member, member.user_id === null ? undefined : state.users.get(member.user_id), state.companies.get(member.company_id)];
}

export type MemberViewSource = readonly [member: MemberRecord, user: UserRecord | undefined, company: CompanyRecord | undefined];

/** `memberView` made from its sources alone. */
export function memberViewFrom([member, user, company]: MemberViewSource) {
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
    user: userViewOf(member, user),
    phone: member.phone,
    usd_total_spent: member.usd_total_spent,
    company: { id: company.id, title: company.title, route: company.route },
  };
}

function userViewOf(member: MemberRecord, user: UserRecord | undefined) {
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.overrides[member.company_id]?.name ?? user.name,
    username: user.username,
  };
}
