import type { FixtureKind } from './records.js';

type Row = Record<string, unknown>;

/** What filling a record in needs to know of the session it goes into. */
export interface SeedLookup {
  /** The record of the kind with that key (an id), if any. */
  get(kind: FixtureKind, key: string): Row | undefined;
  /** Whether a record of the kind holds the value in a unique field (`username`, folded; `route`). */
  holds(kind: FixtureKind, field: string, value: string): boolean;
  /** The first record of the kind, in the state's order. */
  first(kind: FixtureKind): Row | undefined;
}

/** A partial record made whole: the fields given, the rest deterministic and valid. */
export type RecordFill = (partial: Row, session: SeedLookup) => Row;

/** The time every filled-in timestamp has (deterministic: the same seeding gives the same record). */
export const SEED_TIME = '2026-01-01T00:00:00Z';

/** A username from the name (`Ada Lovelace` -> `ada-lovelace`), a name from it, an id (`user_adalovelace`), each unique. */
export const fillUser: RecordFill = (partial, session) => {
  const name = typeof partial.name === 'string' ? partial.name : undefined;
  const given = typeof partial.username === 'string' ? partial.username : undefined;
  const username = given ?? unique(slug(name ?? 'test user', 38) || 'user', '-', (value) => session.holds('users', 'username', value));
  const id = typeof partial.id === 'string' ? partial.id : unique(`user_${alnum(username) || 'seeded'}`, '', (value) => session.get('users', value) !== undefined);
  return {
    id,
    username,
    name: 'name' in partial ? partial.name : titleOf(username),
    bio: null,
    created_at: SEED_TIME,
    email: null,
    profile_picture_file_id: null,
    balances: [],
    verification: { individual: null, business: null },
    overrides: {},
    verification_locked_fields: [],
    ...partial,
  };
};

/** A route from the title (`Acme Inc` -> `acme-inc`), a title from the route, an id (`biz_acmeinc`), each unique. */
export const fillCompany: RecordFill = (partial, session) => {
  const title = typeof partial.title === 'string' ? partial.title : undefined;
  const given = typeof partial.route === 'string' ? partial.route : undefined;
  const route = given ?? unique(slug(title ?? 'test company', 60) || 'company', '-', (value) => session.holds('companies', 'route', value));
  const id = typeof partial.id === 'string' ? partial.id : unique(`biz_${alnum(route) || 'seeded'}`, '', (value) => session.get('companies', value) !== undefined);
  return { id, title: titleOf(route), route, created_at: SEED_TIME, ...partial };
};

/** A customer of the session's first company (a lead without user_id) who joined at SEED_TIME; id `mber_alex123northwind`. */
export const fillMember: RecordFill = (partial, session) => {
  const companyId = typeof partial.company_id === 'string' ? partial.company_id : (session.first('companies')?.id as string | undefined);
  const userId = typeof partial.user_id === 'string' ? partial.user_id : null;
  const stem = `mber_${alnum((userId ?? 'lead').replace(/^user_/, ''))}${alnum((companyId ?? '').replace(/^biz_/, ''))}`;
  const id = typeof partial.id === 'string' ? partial.id : unique(stem, '', (value) => session.get('members', value) !== undefined);
  return {
    id,
    ...(companyId === undefined ? {} : { company_id: companyId }),
    user_id: userId,
    access_level: 'customer',
    status: 'joined',
    most_recent_action: null,
    most_recent_action_at: null,
    created_at: SEED_TIME,
    updated_at: SEED_TIME,
    joined_at: SEED_TIME,
    usd_total_spent: 0,
    phone: null,
    product_ids: [],
    plan_ids: [],
    promo_code_ids: [],
    ...partial,
  };
};

/** `stem`, or `stem<sep>2`, `stem<sep>3`, ... : the first the session does not hold. */
function unique(stem: string, separator: string, taken: (value: string) => boolean): string {
  let candidate = stem;
  for (let n = 2; taken(candidate); n += 1) candidate = `${stem}${separator}${n}`;
  return candidate;
}

/** Letters, digits and single hyphens, lower-case: `Ada Lovelace!` -> `ada-lovelace`. */
function slug(text: string, max: number): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, max)
    .replace(/-+$/, '');
}

function alnum(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

/** `ada-lovelace` -> `Ada Lovelace`. */
function titleOf(slugged: string): string {
  return slugged
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(' ');
}
