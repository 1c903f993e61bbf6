import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../src/bundle/fixture-files.js';
import { type MemberRecord } from '../../src/world/records.js';

const fixtures = loadFixtures('fixtures');
const users = new Map(fixtures.users.map((u) => [u.id, u]));

describe('the shipped fixtures', () => {
  it('load, with the sizes the brief asks for', () => {
    expect(fixtures.companies.length).toBeGreaterThanOrEqual(3);
    expect(fixtures.users.length).toBeGreaterThanOrEqual(10);
    expect(fixtures.members.length).toBeGreaterThanOrEqual(16);
  });

  it('include the seed 000 example user', () => {
    const alex = users.get('user_alex123');
    expect(alex?.username).toBe('alex');
    expect(alex?.name).toBe('Alex Rivera');
    expect(alex?.balances[0]?.balance).toBe('250.00');
    expect(alex?.verification.individual?.status).toBe('approved');
  });

  it('vary user profiles: nulls, pictures, balances, verification, overrides, locks', () => {
    const all = fixtures.users;
    expect(all.some((u) => u.bio === null)).toBe(true);
    expect(all.some((u) => u.name === null)).toBe(true);
    expect(all.some((u) => u.email === null)).toBe(true);
    expect(all.some((u) => u.profile_picture_file_id === null)).toBe(true);
    expect(all.some((u) => u.profile_picture_file_id !== null)).toBe(true);
    const symbols = new Set(all.flatMap((u) => u.balances.map((b) => b.symbol)));
    expect([...symbols]).toEqual(expect.arrayContaining(['USDT', 'cbBTC', 'EUR']));
    expect(all.some((u) => u.balances.some((b) => b.price_usd === null && b.value_usd === null))).toBe(true);
    expect(all.some((u) => u.balances.some((b) => b.symbol === 'cbBTC' && typeof b.price_usd === 'number'))).toBe(true);
    const individual = new Set(all.map((u) => u.verification.individual?.status ?? null));
    expect([...individual].sort()).toEqual([null, 'approved', 'not_started', 'pending', 'rejected'].sort());
    expect(all.some((u) => u.verification.business !== null)).toBe(true);
    expect(all.some((u) => Object.keys(u.overrides).length > 0)).toBe(true);
    const lockedUnapproved = all.filter((u) => u.verification_locked_fields.length > 0 && u.verification.individual?.status !== 'approved');
    expect(lockedUnapproved.length).toBeGreaterThanOrEqual(1);
  });

  it('balance breakdowns add up to the balance', () => {
    for (const user of fixtures.users) {
      for (const b of user.balances) {
        const sum = Number(b.breakdown.available) + Number(b.breakdown.pending) + Number(b.breakdown.reserve);
        expect(sum, `${user.id} ${b.symbol}`).toBeCloseTo(Number(b.balance), 6);
      }
    }
  });

  it('cover every access level, status and most recent action, and a member with no user', () => {
    const members = fixtures.members;
    expect(new Set(members.map((m) => m.access_level))).toEqual(new Set(['admin', 'customer', 'no_access']));
    expect(new Set(members.map((m) => m.status))).toEqual(new Set(['drafted', 'joined', 'left']));
    const actions = new Set(members.map((m) => m.most_recent_action));
    for (const action of ['canceling', 'churned', 'finished_split_pay', 'paused', 'paid_subscriber', 'paid_once', 'expiring',
      'joined', 'drafted', 'left', 'trialing', 'pending_entry', 'renewing', 'past_due', null]) {
      expect(actions.has(action as MemberRecord['most_recent_action']), String(action)).toBe(true);
    }
    expect(members.some((m) => m.user_id === null)).toBe(true);
  });

  // Each members filter must select some fixtures and leave some out, or a test of it proves nothing.
  const member = fixtures.members;
  const userOf = (m: MemberRecord) => (m.user_id === null ? undefined : users.get(m.user_id));
  const filters: Array<[string, (m: MemberRecord) => boolean]> = [
    ['company_id', (m) => m.company_id === 'biz_northwind'],
    ['access_level', (m) => m.access_level === 'admin'],
    ['statuses', (m) => m.status === 'left'],
    ['most_recent_actions', (m) => m.most_recent_action === 'trialing'],
    ['user_ids', (m) => m.user_id === 'user_maya7Kd2'],
    ['product_ids', (m) => m.product_ids.includes('prod_pfpro')],
    ['plan_ids', (m) => m.plan_ids.includes('plan_nwsignalsmonthly')],
    ['promo_code_ids', (m) => m.promo_code_ids.length > 0],
    ['query (name)', (m) => userOf(m)?.name?.toLowerCase().includes('chen') ?? false],
    ['query (username)', (m) => userOf(m)?.username.includes('okafor') ?? false],
    ['query (email)', (m) => userOf(m)?.email?.includes('example.org') ?? false],
    ['created_after', (m) => m.created_at > '2025-06-01T00:00:00Z'],
    ['created_before', (m) => m.created_at < '2024-06-01T00:00:00Z'],
    ['usd_total_spent', (m) => m.usd_total_spent > 100],
  ];
  it.each(filters)('the %s filter selects some members and excludes some', (_name, matches) => {
    const selected = member.filter(matches).length;
    expect(selected).toBeGreaterThan(0);
    expect(selected).toBeLessThan(member.length);
  });

  it('have tokens of every kind, each described', () => {
    const kinds = new Set(fixtures.tokens.map((t) => t.kind));
    expect(kinds).toEqual(new Set(['user_oauth_token', 'account_api_key', 'app_api_key']));
    expect(fixtures.tokens.every((t) => (t.description ?? '').length > 20)).toBe(true);
    expect(fixtures.tokens.some((t) => t.scopes.length === 0)).toBe(true);
    const full = fixtures.tokens.find((t) => t.token === 'tok_user_alex_full');
    expect(full?.scopes).toEqual(['user:profile:read', 'user:profile:update', 'user:balance:read']);
    const apiKeyAccounts = new Set(fixtures.tokens.filter((t) => t.kind === 'account_api_key').map((t) => t.account_id));
    expect(apiKeyAccounts.size).toBeGreaterThanOrEqual(2);
  });
});
