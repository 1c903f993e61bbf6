import type { RecordOrder } from '../../world/collection-base.js';
import type { MemberRecord } from '../../world/records.js';
import type { WorldState } from '../../world/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import { compareKeys, paginateOrdered, type CursorCodec, type PageParams, type SortKey } from '../paginate.js';
import type { Principal } from '../principal.js';
import { memberUserView, memberView } from './member-view.js';
import { canSeeMember, listedCompany } from './member-visibility.js';

/** GET /members: one company's members the caller may see; the cursor scope names company, order and direction. */
export function listMembers(codec: CursorCodec) {
  return ({ state, principal, query }: HandlerContext): HandlerResult => {
    const companyId = listedCompany(state, principal, query);
    const matches = memberFilter(state, principal, query);
    const order = memberOrder(query);
    // Read lazily in order: a page walks the members it shows, not the whole company.
    const members = state.members.ordered(order, {
      test: (member) => member.company_id === companyId && canSeeMember(principal, member) && matches(member),
    });
    const scope = `members:${companyId}:${order.name}`;
    const page = paginateOrdered(members, { scope, keyOf: order.keyOf, compare: order.compare, codec }, query as PageParams);
    return { status: 200, body: { data: page.data.map((member) => memberView(state, member)), page_info: page.page_info } };
  };
}

type Test = (member: MemberRecord) => boolean;

// The spec: "Without member:email:read, query does not match on email, so a search cannot
// reveal a masked address."
const EMAIL_SCOPE = 'member:email:read';

/**
 * GET /members filters, all of them combined with AND. An array filter keeps members matching
 * any of its values. `query` is a case-insensitive substring of what the member view shows:
 * user.name (with the company's override), user.username and, with the email scope, user.email.
 */
export function memberFilter(state: WorldState, principal: Principal, query: Record<string, unknown>): Test {
  const tests: Test[] = [];
  const anyOf = (name: string, valuesOf: (member: MemberRecord) => ReadonlyArray<string | null>): void => {
    const wanted = query[name];
    if (!Array.isArray(wanted)) return;
    const set = new Set(wanted as string[]);
    tests.push((member) => valuesOf(member).some((value) => value !== null && set.has(value)));
  };
  if (typeof query.access_level === 'string') tests.push((member) => member.access_level === query.access_level);
  anyOf('statuses', (member) => [member.status]);
  anyOf('most_recent_actions', (member) => [member.most_recent_action]);
  anyOf('user_ids', (member) => [member.user_id]);
  anyOf('product_ids', (member) => member.product_ids);
  anyOf('plan_ids', (member) => member.plan_ids);
  anyOf('promo_code_ids', (member) => member.promo_code_ids);
  if (typeof query.created_after === 'string') {
    const after = Date.parse(query.created_after);
    tests.push((member) => Date.parse(member.created_at) > after);
  }
  if (typeof query.created_before === 'string') {
    const before = Date.parse(query.created_before);
    tests.push((member) => Date.parse(member.created_at) < before);
  }
  if (typeof query.query === 'string' && query.query.trim() !== '') {
    const needle = query.query.trim().toLowerCase();
    const withEmail = principal.scopes.has(EMAIL_SCOPE);
    tests.push((member) => {
      const user = memberUserView(state, member);
      const fields = user === null ? [] : [user.name, user.username, withEmail ? user.email : null];
      return fields.some((field) => field !== null && field.toLowerCase().includes(needle));
    });
  }
  return (member) => tests.every((test) => test(member));
}

type MemberOrderField = 'id' | 'usd_total_spent' | 'created_at' | 'joined_at' | 'most_recent_action';

const time = (value: string | null): number | null => (value === null ? null : Date.parse(value));

// Timestamps sort as instants, not strings, so "…00Z" and "…00.000Z" compare correctly.
// `most_recent_action` is an enum; ordering by it means ordering by when it happened.
const valueOf: Record<Exclude<MemberOrderField, 'id'>, (member: MemberRecord) => string | number | null> = {
  usd_total_spent: (member) => member.usd_total_spent,
  created_at: (member) => time(member.created_at),
  joined_at: (member) => time(member.joined_at),
  most_recent_action: (member) => time(member.most_recent_action_at),
};

/**
 * The sort of GET /members: by default `created_at` ascending (oldest first, like GET /users,
 * so new members land on the last page and earlier cursors stay put). Ties are broken by id,
 * so the order is total; `desc` is the exact reverse of `asc`. Nulls sort first in asc.
 */
export function memberOrder(query: Record<string, unknown>): RecordOrder<MemberRecord, SortKey> {
  const field = (typeof query.order === 'string' ? query.order : 'created_at') as MemberOrderField;
  const direction = query.direction === 'desc' ? 'desc' : 'asc';
  const keyOf = (member: MemberRecord): SortKey => (field === 'id' ? [member.id] : [valueOf[field](member), member.id]);
  const compare = direction === 'asc' ? compareKeys : (a: SortKey, b: SortKey) => compareKeys(b, a);
  // The name goes into the cursor scope: a cursor from one order or direction is a 400 in another.
  return { name: `${field}:${direction}`, keyOf, compare };
}
