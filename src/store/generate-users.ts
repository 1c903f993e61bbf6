import { isoTime } from './iso-time.js';
import { peopleWords, type PeopleWords } from './people-words.js';
import { seededRandom, type Random } from './random.js';
import type { BalanceRecord, Fixtures, UserRecord, VerificationProfile, VerificationStatus } from './records.js';

/** Generated users are created inside this window, so created_after/before filters have a spread. */
const FROM = Date.parse('2020-01-01T00:00:00Z');
const TO = Date.parse('2026-06-01T00:00:00Z');
const STATUSES: readonly VerificationStatus[] = ['not_started', 'pending', 'approved', 'rejected'];
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

/**
 * `count` plausible users beside the fixtures, for volume (paging, search, memory). The same
 * seed gives the same users on every machine: one seeded random source, fixed date windows
 * (never "now"), and draws in a fixed order. Names and bio words are faker's English lists;
 * the draws are our own (faker's methods made 100,000 users take seconds). Ids and usernames
 * never clash with `existing` or each other; emails use the reserved example.* domains. Profile
 * pictures reuse fixture files (no new file records are made); nobody gets overrides or locked
 * fields, which stay a hand-written fixture matter.
 *
 * Records are frozen (as the world freezes every record), so parts that are equal are shared:
 * the empty overrides, locked fields and balances, and one verification object per combination
 * of statuses. Strings are built flat (joined, not concatenated). 100,000 users take about half
 * the memory they would otherwise.
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
    users.push({
      id: uniqueId(random, 'user_', ids),
      username,
      name: random.int(11) === 0 ? null : [first, ' ', last].join(''),
      bio: random.int(3) === 0 ? null : bio(random, words),
      created_at: isoTime(FROM + Math.floor(random.next() * (TO - FROM))),
      email: random.int(14) === 0 ? null : [username, '@', random.pick(EMAIL_DOMAINS)].join(''),
      profile_picture_file_id: fileIds.length > 0 && random.int(2) === 0 ? random.pick(fileIds) : null,
      balances: random.int(1) === 0 ? NO_BALANCES : [usdt(random.int(500_000) / 100)],
      // Most users have started KYC (one in five has no profile); one in ten has a business (KYB) profile.
      verification: verification(verifications, random.int(4) === 0 ? null : random.pick(STATUSES), random.int(9) === 0 ? random.pick(STATUSES) : null),
      overrides: NO_OVERRIDES,
      verification_locked_fields: NO_LOCKED_FIELDS,
    });
  }
  return users;
}

const NO_BALANCES: readonly BalanceRecord[] = Object.freeze([]);
const NO_OVERRIDES: UserRecord['overrides'] = Object.freeze({});
const NO_LOCKED_FIELDS: UserRecord['verification_locked_fields'] = Object.freeze([]);

/** One frozen verification object per pair of statuses. */
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
export function uniqueId(random: Random, prefix: string, taken: Set<string>): string {
  for (;;) {
    const id = random.alphanumeric(13, prefix);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** faker's bio patterns: "artist, founder", "coffee enthusiast, author 🎨", ... */
function bio(random: Random, words: PeopleWords): string {
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
  return {
    symbol: 'USDT', name: 'Tether USD', balance, value_usd: balance, price_usd: 1,
    icon_url: 'https://cdn.whop.com/tokens/usdt.png',
    breakdown: { available: balance, pending: '0', reserve: '0' },
  };
}
