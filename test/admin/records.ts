import type { CompanyRecord, MemberRecord, UserRecord } from '../../src/index.js';

/** Valid canonical records for seeding, built fresh for each test (records are frozen once stored). */
export function newUser(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: 'user_seeded01',
    username: 'seeded-sam',
    name: 'Seeded Sam',
    bio: null,
    created_at: '2026-01-02T03:04:05Z',
    email: 'seeded@example.com',
    profile_picture_file_id: null,
    balances: [],
    verification: { individual: { status: 'approved' }, business: null },
    overrides: {},
    verification_locked_fields: [],
    ...overrides,
  };
}

export function newMember(overrides: Partial<MemberRecord> = {}): MemberRecord {
  return {
    id: 'mber_seeded01',
    company_id: 'biz_pixelforge',
    user_id: 'user_noahF3r',
    access_level: 'customer',
    status: 'joined',
    most_recent_action: 'paid_subscriber',
    most_recent_action_at: '2026-01-05T00:00:00Z',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-05T00:00:00Z',
    joined_at: '2026-01-01T00:00:00Z',
    usd_total_spent: 49,
    phone: null,
    product_ids: ['prod_pfbasics'],
    plan_ids: ['plan_pfbasicsmonthly'],
    promo_code_ids: [],
    ...overrides,
  };
}

export function newCompany(overrides: Partial<CompanyRecord> = {}): CompanyRecord {
  return { id: 'biz_seeded01', title: 'Seeded Co', route: 'seeded-co', created_at: '2026-01-01T00:00:00Z', ...overrides };
}
