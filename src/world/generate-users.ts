import { faker } from '@faker-js/faker/locale/en';
import { isoTime } from '../kernel/iso-time.js';
import { seededRandom, type Random } from './random.js';
import type { BalanceRecord, Fixtures, MemberRecord, MostRecentAction, UserRecord, VerificationProfile, VerificationStatus } from './records.js';

/** Generated users are created inside this window, so created_after/before filters have a spread. */
const FROM = Date.parse('2020-01-01T00:00:00Z');
const TO = Date.parse('2026-06-01T00:00:00Z');
const STATUSES: readonly VerificationStatus[] = ['not_started', 'pending', 'approved', 'rejected'];
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

/**
 * `count` users for volume; the same seed gives the same users everywhere. Words are faker's, the
 * draws our own (faker's methods made 100,000 users take seconds). Equal frozen parts are shared and
 * strings built flat (joined): 100,000 users take about half the memory they would otherwise. Each
 * record is frozen whole here, as the world keeps it (its deepFreeze then has nothing to walk).
 */
export function generateUsers(count: number, seed: number, existing: Pick<Fixtures, 'users' | 'files'>): UserRecord[] {
  const random = seededRandom(seed);
  const words = peopleWords();
  const ids = new Set(existing.users.map((user) => user.id));
  const usernames = new Set(existing.users.map((user) => user.username.toLowerCase()));
  const fileIds = existing.files.map((file) => file.id);
  const verifications = new Map<string, UserRecord['verification']>();
  const users: UserRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const first = random.pick(words.firstNames);
    // faker's English last names are double-barrelled one time in twenty.
    const last = random.int(19) === 0 ? [random.pick(words.lastNames), random.pick(words.lastNames)].join('-') : random.pick(words.lastNames);
    const username = uniqueUsername(random, first, last, usernames);
    users.push(Object.freeze({
      id: uniqueId(random, 'user_', ids),
      username,
      name: random.int(11) === 0 ? null : [first, ' ', last].join(''),
      bio: random.int(3) === 0 ? null : bio(random, words),
      created_at: isoTime(FROM + Math.floor(random.next() * (TO - FROM))),
      email: random.int(14) === 0 ? null : [username, '@', random.pick(EMAIL_DOMAINS)].join(''),
      profile_picture_file_id: fileIds.length > 0 && random.int(2) === 0 ? random.pick(fileIds) : null,
      balances: random.int(1) === 0 ? NO_BALANCES : Object.freeze([usdt(random.int(500_000) / 100)]),
      // Most users have started KYC (one in five has no profile); one in ten has a business (KYB) profile.
      verification: verification(verifications, random.int(4) === 0 ? null : random.pick(STATUSES), random.int(9) === 0 ? random.pick(STATUSES) : null),
      overrides: NO_OVERRIDES,
      verification_locked_fields: NO_LOCKED_FIELDS,
    }));
  }
  return users;
}

/**
 * The word lists generated people are made of: faker's English data, read, never drawn through
 * faker. Only faker's English locale is loaded (about a tenth of the package), and only when users
 * are generated.
 */
function peopleWords() {
  const { person, word, internet } = faker.rawDefinitions;
  const first = person?.first_name;
  const emoji = internet?.emoji;
  const words = {
    firstNames: [...list(first?.female), ...list(first?.male), ...list(first?.generic)],
    lastNames: list(person?.last_name?.generic),
    bioParts: list(person?.bio_part),
    bioSupporters: list(person?.bio_supporter),
    nouns: list(word?.noun),
    emoji: [...list(emoji?.smiley), ...list(emoji?.nature), ...list(emoji?.food), ...list(emoji?.activity)],
  };
  const empty = Object.entries(words).find(([, values]) => values.length === 0);
  if (empty) throw new Error(`faker's English locale has no ${empty[0]}`);
  return words;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const NO_BALANCES: readonly BalanceRecord[] = Object.freeze([]);
const NO_OVERRIDES: UserRecord['overrides'] = Object.freeze({});
const NO_LOCKED_FIELDS: UserRecord['verification_locked_fields'] = Object.freeze([]);

function verification(known: Map<string, UserRecord['verification']>, individual: VerificationStatus | null, business: VerificationStatus | null): UserRecord['verification'] {
  const key = `${individual}/${business}`;
  let found = known.get(key);
  if (found === undefined) {
    const profile = (status: VerificationStatus | null): VerificationProfile | null => (status === null ? null : Object.freeze({ status }));
    found = Object.freeze({ individual: profile(individual), business: profile(business) });
    known.set(key, found);
  }
  return found;
}

/** An id with the given prefix and 13 random letters and digits, as Whop's look. */
function uniqueId(random: Random, prefix: string, taken: Set<string>): string {
  for (;;) {
    const id = random.alphanumeric(13, prefix);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** faker's bio patterns: "artist, founder", "coffee enthusiast, author 🎨", ... */
function bio(random: Random, words: ReturnType<typeof peopleWords>): string {
  const parts: string[] = [];
  const pattern = random.int(3);
  // "part[, part[, part]]", "noun supporter" or "noun supporter, part".
  if (pattern !== 0) parts.push(random.pick(words.nouns), ' ', random.pick(words.bioSupporters));
  const bioParts = pattern === 0 ? 1 + random.int(2) : pattern === 1 ? 0 : 1;
  for (let n = 0; n < bioParts; n += 1) {
    if (parts.length > 0) parts.push(', ');
    parts.push(random.pick(words.bioParts));
  }
  if (random.int(3) === 0) parts.push(' ', random.pick(words.emoji));
  return parts.join('');
}

/** Seed 002: letters, digits and hyphens, at most 42 characters; unique ignoring case. */
function uniqueUsername(random: Random, first: string, last: string, taken: Set<string>): string {
  const style = random.int(2);
  const raw = style === 0 ? `${first}-${last}` : style === 1 ? `${first}${last}` : `${first}${random.int(99)}`;
  const stem = slug(raw).slice(0, 34) || 'user';
  let candidate = stem;
  for (let n = 2; taken.has(candidate); n += 1) candidate = [stem, String(n)].join('-');
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
  return Object.freeze({
    symbol: 'USDT', name: 'Tether USD', balance, value_usd: balance, price_usd: 1,
    icon_url: 'https://cdn.whop.com/tokens/usdt.png',
    breakdown: Object.freeze({ available: balance, pending: '0', reserve: '0' }),
  });
}

/** Actions that fit a joined, paying-or-trialing customer. */
const ACTIONS: readonly MostRecentAction[] = ['paid_subscriber', 'paid_once', 'trialing', 'renewing', 'joined'];
const LAST = Date.parse('2026-06-30T00:00:00Z');
const NONE: readonly string[] = Object.freeze([]);

/**
 * One joined `customer` member per generated user, all in the first fixture company on its first
 * product and plan: volume for the members list without inventing companies. Deterministic for a
 * seed; [] without a company; equal frozen parts shared, as in generateUsers.
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
    return Object.freeze({
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
    });
  });
}
