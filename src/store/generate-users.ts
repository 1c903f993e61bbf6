import { base, en, Faker } from '@faker-js/faker';
import type { BalanceRecord, Fixtures, UserRecord, VerificationStatus } from './records.js';

/** Generated users are created inside this window, so created_after/before filters have a spread. */
const FROM = '2020-01-01T00:00:00Z';
const TO = '2026-06-01T00:00:00Z';
const STATUSES: readonly VerificationStatus[] = ['not_started', 'pending', 'approved', 'rejected'];
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

/**
 * `count` plausible users beside the fixtures, for volume (paging, search, memory). The same
 * seed gives the same users on every machine: one Faker instance seeded once, fixed date
 * windows (never "now"), and draws in a fixed order. Ids and usernames never clash with
 * `existing` or each other; emails use the reserved example.* domains. Profile pictures reuse
 * fixture files (no new file records are made); nobody gets overrides or locked fields, which
 * stay a hand-written fixture matter.
 */
export function generateUsers(count: number, seed: number, existing: Pick<Fixtures, 'users' | 'files'>): UserRecord[] {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const ids = new Set(existing.users.map((user) => user.id));
  const usernames = new Set(existing.users.map((user) => user.username.toLowerCase()));
  const fileIds = existing.files.map((file) => file.id);
  const users: UserRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const username = uniqueUsername(faker, first, last, usernames);
    users.push({
      id: uniqueId(faker, 'user_', ids),
      username,
      name: faker.number.int(11) === 0 ? null : `${first} ${last}`,
      bio: faker.number.int(3) === 0 ? null : faker.person.bio(),
      created_at: faker.date.between({ from: FROM, to: TO }).toISOString(),
      email: faker.number.int(14) === 0 ? null : `${username}@${faker.helpers.arrayElement(EMAIL_DOMAINS)}`,
      profile_picture_file_id: fileIds.length > 0 && faker.number.int(2) === 0 ? faker.helpers.arrayElement(fileIds) : null,
      balances: faker.datatype.boolean() ? [] : [usdt(faker.number.float({ min: 0, max: 5000, fractionDigits: 2 }))],
      // Most users have started KYC (one in five has no profile); one in ten has a business (KYB) profile.
      verification: {
        individual: faker.number.int(4) === 0 ? null : { status: faker.helpers.arrayElement(STATUSES) },
        business: faker.number.int(9) === 0 ? { status: faker.helpers.arrayElement(STATUSES) } : null,
      },
      overrides: {},
      verification_locked_fields: [],
    });
  }
  return users;
}

/** An id with the given prefix and 13 random letters and digits, as Whop's look. */
export function uniqueId(faker: Faker, prefix: string, taken: Set<string>): string {
  for (;;) {
    const id = `${prefix}${faker.string.alphanumeric(13)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** Seed 002: letters, digits and hyphens, at most 42 characters; unique ignoring case. */
function uniqueUsername(faker: Faker, first: string, last: string, taken: Set<string>): string {
  const style = faker.number.int(2);
  const raw = style === 0 ? `${first}-${last}` : style === 1 ? `${first}${last}` : `${first}${faker.number.int(99)}`;
  const stem = slug(raw).slice(0, 34) || 'user';
  let candidate = stem;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${stem}-${n}`;
  taken.add(candidate);
  return candidate;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function usdt(amount: number): BalanceRecord {
  const balance = amount.toFixed(2);
  return {
    symbol: 'USDT', name: 'Tether USD', balance, value_usd: balance, price_usd: 1,
    icon_url: 'https://cdn.whop.com/tokens/usdt.png',
    breakdown: { available: balance, pending: '0', reserve: '0' },
  };
}
