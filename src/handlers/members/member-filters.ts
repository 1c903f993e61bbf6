import type { Principal } from '../../auth/principal.js';
import type { MemberRecord } from '../../store/records.js';
import type { WorldState } from '../../store/world-state.js';
import { memberUserView } from './member-view.js';

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
