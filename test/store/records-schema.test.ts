import { describe, expect, it } from 'vitest';
import { recordValidators } from '../../src/bundle/compiled-records.js';
import { type CompanyRecord, type ExperienceRecord, type FileRecord, type FixtureKind, type MemberRecord, type PlanRecord, type ProductRecord, type PromoCodeRecord, type TokenRecord, type UserRecord } from '../../src/world/records.js';

const validators = recordValidators();

// Written against the TypeScript types (the compiler checks them); the schema must accept them,
// so the hand-kept types and schemas/records.schema.json cannot drift apart unnoticed.
const user: UserRecord = {
  id: 'user_t1', username: 'typed-user', name: null, bio: null, created_at: '2024-01-01T00:00:00Z', email: null,
  profile_picture_file_id: 'file_x',
  balances: [{ symbol: 'EUR', name: 'Euro', balance: '1.50', value_usd: null, price_usd: null, icon_url: null, breakdown: { available: '1.50', pending: '0', reserve: '0' } }],
  verification: { individual: { status: 'rejected' }, business: null },
  overrides: { biz_x: { name: null }, biz_y: { profile_picture_file_id: 'file_y' }, biz_z: {} },
  verification_locked_fields: ['name', 'username', 'bio', 'profile_picture'],
};
const member: MemberRecord = {
  id: 'mber_t1', company_id: 'biz_x', user_id: null, access_level: 'no_access', status: 'drafted', most_recent_action: null,
  most_recent_action_at: null, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z', joined_at: '2024-01-01T00:00:00Z',
  usd_total_spent: 0, phone: null, product_ids: [], plan_ids: [], promo_code_ids: [],
};
const samples: Array<[FixtureKind, unknown]> = [
  ['companies', { id: 'biz_x', title: 'X', route: 'x', created_at: '2024-01-01T00:00:00Z' } satisfies CompanyRecord],
  ['files', { id: 'file_x', url: 'https://x.example/a.png' } satisfies FileRecord],
  ['users', user],
  ['products', { id: 'prod_x', company_id: 'biz_x', title: 'X' } satisfies ProductRecord],
  ['experiences', { id: 'exp_x', company_id: 'biz_x', name: 'X', product_ids: ['prod_x'] } satisfies ExperienceRecord],
  ['plans', { id: 'plan_x', product_id: 'prod_x' } satisfies PlanRecord],
  ['promo_codes', { id: 'promo_x', company_id: 'biz_x', code: 'X-1' } satisfies PromoCodeRecord],
  ['members', member],
  ['tokens', { token: 'tok_x_app', kind: 'app_api_key', scopes: ['member:basic:read'] } satisfies TokenRecord],
  ['tokens', { token: 'tok_x_user', kind: 'user_oauth_token', user_id: 'user_t1', scopes: [], description: 'd' } satisfies TokenRecord],
];

describe('records schema and TypeScript types agree', () => {
  it.each(samples)('a typed %s record passes the schema', (kind, record) => {
    expect(validators[kind](record)).toBeUndefined();
  });

  it('rejects what the types reject', () => {
    expect(validators.users({ ...user, username: 'x'.repeat(43) })?.[0]?.pointer).toBe('/username');
    expect(validators.users({ ...user, name: 'n'.repeat(101) })?.[0]?.pointer).toBe('/name');
    expect(validators.members({ ...member, status: 'active' })?.[0]?.pointer).toBe('/status');
    expect(validators.members({ ...member, phone: '555-1234' })?.[0]?.pointer).toBe('/phone');
    expect(validators.tokens({ token: 'tok_x', kind: 'app_api_key', user_id: 'user_t1', scopes: [] })?.[0]?.pointer).toBe('/user_id');
    expect(validators.users({ ...user, overrides: { acme: {} } })?.[0]?.pointer).toBe('/overrides/acme');
  });
});
