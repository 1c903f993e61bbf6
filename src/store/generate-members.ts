import { base, en, Faker } from '@faker-js/faker';
import { uniqueId } from './generate-users.js';
import type { Fixtures, MemberRecord, MostRecentAction, UserRecord } from './records.js';

/** Actions that fit a joined, paying-or-trialing customer. */
const ACTIONS: readonly MostRecentAction[] = ['paid_subscriber', 'paid_once', 'trialing', 'renewing', 'joined'];
const LAST = Date.parse('2026-06-30T00:00:00Z');

/**
 * One joined `customer` member per generated user, all in the first fixture company on its
 * first product and that product's first plan — enough volume to page and search the members
 * list without inventing companies or products. Deterministic for a seed, like generateUsers.
 * Returns [] when the fixtures have no company.
 */
export function generateMembers(users: readonly UserRecord[], seed: number, existing: Pick<Fixtures, 'companies' | 'products' | 'plans' | 'members'>): MemberRecord[] {
  const company = existing.companies[0];
  if (company === undefined) return [];
  const product = existing.products.find((p) => p.company_id === company.id);
  const plan = product === undefined ? undefined : existing.plans.find((p) => p.product_id === product.id);
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const ids = new Set(existing.members.map((member) => member.id));
  return users.map((user) => {
    // Joined after both the user and the company existed, before LAST.
    const from = Math.max(Date.parse(user.created_at), Date.parse(company.created_at));
    const joined = faker.date.between({ from, to: Math.max(from, LAST) }).toISOString();
    const acted = faker.date.between({ from: joined, to: Math.max(Date.parse(joined), LAST) }).toISOString();
    return {
      id: uniqueId(faker, 'mber_', ids),
      company_id: company.id,
      user_id: user.id,
      access_level: 'customer',
      status: 'joined',
      most_recent_action: faker.helpers.arrayElement(ACTIONS),
      most_recent_action_at: acted,
      created_at: joined,
      updated_at: acted,
      joined_at: joined,
      usd_total_spent: faker.number.float({ min: 0, max: 2000, fractionDigits: 2 }),
      phone: null,
      product_ids: product === undefined ? [] : [product.id],
      plan_ids: plan === undefined ? [] : [plan.id],
      promo_code_ids: [],
    };
  });
}
