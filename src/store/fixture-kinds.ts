import type { Fixtures, FixtureKind, MemberRecord, UserRecord } from './records.js';

/** Fields whose values are unique across one kind; several fields make a composite key. */
export interface UniqueRule {
  readonly fields: readonly string[];
  /** Compare case-insensitively (usernames: `Alex` and `alex` are the same person). */
  readonly fold?: boolean;
}

/**
 * One id a record refers to. `company`, when set, is the company the referenced record must
 * belong to (a member's products, plans and promo codes are the member's company's own).
 */
export interface Reference {
  readonly pointer: string;
  readonly kind: FixtureKind;
  readonly id: string;
  readonly company?: string;
}

export interface KindRule<T> {
  readonly file: string;
  /** The `$defs` entry of schemas/records.schema.json that validates one record. */
  readonly def: string;
  /** The field that identifies a record (its `id`, or a token's `token`). */
  readonly key: keyof T & string;
  readonly unique: readonly UniqueRule[];
  readonly references: (record: T) => Reference[];
}

export type KindRules = { readonly [K in FixtureKind]: KindRule<Fixtures[K][number]> };

const none = (): Reference[] => [];

const list = (field: string, kind: FixtureKind, ids: readonly string[], company?: string): Reference[] =>
  ids.map((id, i) => ({ pointer: `/${field}/${i}`, kind, id, ...(company === undefined ? {} : { company }) }));

/** JSON Pointer escaping (RFC 6901), for object keys used as pointer segments. */
export const pointerSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function userReferences(user: UserRecord): Reference[] {
  const refs: Reference[] = [];
  if (user.profile_picture_file_id !== null) {
    refs.push({ pointer: '/profile_picture_file_id', kind: 'files', id: user.profile_picture_file_id });
  }
  for (const [companyId, override] of Object.entries(user.overrides)) {
    const at = `/overrides/${pointerSegment(companyId)}`;
    refs.push({ pointer: at, kind: 'companies', id: companyId });
    const file = override.profile_picture_file_id;
    if (typeof file === 'string') refs.push({ pointer: `${at}/profile_picture_file_id`, kind: 'files', id: file });
  }
  return refs;
}

function memberReferences(member: MemberRecord): Reference[] {
  const company = member.company_id;
  return [
    { pointer: '/company_id', kind: 'companies', id: company },
    ...(member.user_id === null ? [] : [{ pointer: '/user_id', kind: 'users' as const, id: member.user_id }]),
    ...list('product_ids', 'products', member.product_ids, company),
    ...list('plan_ids', 'plans', member.plan_ids, company),
    ...list('promo_code_ids', 'promo_codes', member.promo_code_ids, company),
  ];
}

/**
 * What each fixture file holds and which rules beyond its JSON Schema apply: the schema says
 * what one record looks like; uniqueness and references need the whole world, so they live here.
 * The store reuses the single-field unique rules as its lookup indexes.
 */
export const fixtureKinds: KindRules = {
  companies: {
    file: 'companies.json', def: 'company', key: 'id',
    unique: [{ fields: ['route'] }],
    references: none,
  },
  files: { file: 'files.json', def: 'file', key: 'id', unique: [], references: none },
  users: {
    file: 'users.json', def: 'user', key: 'id',
    unique: [{ fields: ['username'], fold: true }],
    references: userReferences,
  },
  products: {
    file: 'products.json', def: 'product', key: 'id', unique: [],
    references: (p) => [{ pointer: '/company_id', kind: 'companies', id: p.company_id }],
  },
  experiences: {
    file: 'experiences.json', def: 'experience', key: 'id', unique: [],
    references: (e) => [
      { pointer: '/company_id', kind: 'companies', id: e.company_id },
      ...list('product_ids', 'products', e.product_ids, e.company_id),
    ],
  },
  plans: {
    file: 'plans.json', def: 'plan', key: 'id', unique: [],
    references: (p) => [{ pointer: '/product_id', kind: 'products', id: p.product_id }],
  },
  promo_codes: {
    file: 'promo_codes.json', def: 'promo_code', key: 'id',
    // A code is typed at checkout on one company's page, so it is unique within the company.
    unique: [{ fields: ['company_id', 'code'], fold: true }],
    references: (p) => [{ pointer: '/company_id', kind: 'companies', id: p.company_id }],
  },
  members: {
    file: 'members.json', def: 'member', key: 'id',
    // A user is one member of a company (seed 003: a member is the user-company connection).
    unique: [{ fields: ['company_id', 'user_id'] }],
    references: memberReferences,
  },
  tokens: {
    file: 'tokens.json', def: 'token', key: 'token', unique: [],
    references: (t) => [
      ...(t.user_id === undefined ? [] : [{ pointer: '/user_id', kind: 'users' as const, id: t.user_id }]),
      ...(t.account_id === undefined ? [] : [{ pointer: '/account_id', kind: 'companies' as const, id: t.account_id }]),
    ],
  },
};

/** Fixture kinds in load order: referenced kinds before the kinds that refer to them. */
export const fixtureKindNames: readonly FixtureKind[] = [
  'companies', 'files', 'users', 'products', 'experiences', 'plans', 'promo_codes', 'members', 'tokens',
];

/** Singular nouns for messages ("refers to user ..."). */
export const recordNoun: { readonly [K in FixtureKind]: string } = {
  companies: 'company', files: 'file', users: 'user', products: 'product', experiences: 'experience',
  plans: 'plan', promo_codes: 'promo code', members: 'member', tokens: 'token',
};
