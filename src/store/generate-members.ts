import { uniqueId } from './generate-users.js';
import { isoTime } from './iso-time.js';
import { seededRandom } from './random.js';
import type { Fixtures, MemberRecord, MostRecentAction, UserRecord } from './records.js';

/** Actions that fit a joined, paying-or-trialing customer. */
const ACTIONS: readonly MostRecentAction[] = ['paid_subscriber', 'paid_once', 'trialing', 'renewing', 'joined'];
const LAST = Date.parse('2026-06-30T00:00:00Z');
const NONE: readonly string[] = Object.freeze([]);

/**
 * One joined `customer` member per generated user, all in the first fixture company on its
 * first product and that product's first plan — enough volume to page and search the members
 * list without inventing companies or products. Deterministic for a seed, like generateUsers.
 * Returns [] when the fixtures have no company. Equal frozen parts (the product, plan and promo
 * code lists) are shared, as in generateUsers.
 */
export function generateMembers(users: readonly UserRecord[], seed: number, existing: Pick<Fixtures, 'companies' | 'products' | 'plans' | 'members'>): MemberRecord[] {
  const company = existing.companies[0];
  if (company === undefined) return [];
  const product = existing.products.find((p) => p.company_id === company.id);
  const plan = product === undefined ? undefined : existing.plans.find((p) => p.product_id === product.id);
  const productIds = product === undefined ? NONE : Object.freeze([product.id]);
  const planIds = plan === undefined ? NONE : Object.freeze([plan.id]);
  const random = seededRandom(seed);
  const between = (from: number, to: number) => from + Math.floor(random.next() * Math.max(0, to - from));
  const ids = new Set(existing.members.map((member) => member.id));
  const founded = Date.parse(company.created_at);
  return users.map((user) => {
    // Joined after both the user and the company existed, before LAST.
    const joinedAt = between(Math.max(Date.parse(user.created_at), founded), LAST);
    const joined = isoTime(joinedAt);
    const acted = isoTime(between(joinedAt, LAST));
    return {
      id: uniqueId(random, 'mber_', ids),
      company_id: company.id,
      user_id: user.id,
      access_level: 'customer',
      status: 'joined',
      most_recent_action: random.pick(ACTIONS),
      most_recent_action_at: acted,
      created_at: joined,
      updated_at: acted,
      joined_at: joined,
      usd_total_spent: random.int(200_000) / 100,
      phone: null,
      product_ids: productIds,
      plan_ids: planIds,
      promo_code_ids: NONE,
    };
  });
}
