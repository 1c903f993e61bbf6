import { escapeSegment } from '../kernel/json-pointer.js';
import { fillCompany, fillMember, fillUser, type RecordFill } from './record-defaults.js';
import type { FixtureKind, KindRecords, MemberRecord, UserRecord } from './records.js';

/** Fields whose values are unique across one kind; several fields make a composite key. */
export interface UniqueRule {
  readonly fields: readonly string[];
  /** Compare case-insensitively (usernames: `Alex` and `alex` are the same person). */
  readonly fold?: boolean;
}

/** One id a record refers to; `company`, when set, is the company the referenced record must belong to. */
export interface Reference {
  readonly pointer: string;
  readonly kind: FixtureKind;
  readonly id: string;
  readonly company?: string;
}

export interface KindRule<T> {
  readonly file: string;
  /** Singular noun for messages ("refers to promo code ..."). */
  readonly noun: string;
  /** The `$defs` entry of schemas/records.schema.json that validates one record. */
  readonly def: string;
  /** The field that identifies a record (its `id`, or a token's `token`). */
  readonly key: keyof T & string;
  readonly unique: readonly UniqueRule[];
  readonly references: (record: T) => Reference[];
  /** Tests may create or replace one record with `POST /__mock/<kind>` (`session.seed(kind, …)` takes every kind). */
  readonly seed?: true;
  /** Makes a partial record whole for seeding (record-defaults): a test writes only what it cares about. */
  readonly fill?: RecordFill;
}

/** A kind's rule: its file is `<kind>.json`, its `$defs` entry its noun in snake case; key `id`, no unique fields or references unless given. */
function kindRule<T>(kind: FixtureKind, noun: string, rule: Partial<Omit<KindRule<T>, 'file' | 'noun' | 'def'>>): KindRule<T> {
  return { file: `${kind}.json`, noun, def: noun.replace(' ', '_'), key: 'id' as keyof T & string, unique: [], references: () => [], ...rule };
}

const list = (field: string, kind: FixtureKind, ids: readonly string[], company?: string): Reference[] =>
  ids.map((id, i) => ({ pointer: `/${field}/${i}`, kind, id, ...(company === undefined ? {} : { company }) }));

function userReferences(user: UserRecord): Reference[] {
  const refs: Reference[] = [];
  if (user.profile_picture_file_id !== null) {
    refs.push({ pointer: '/profile_picture_file_id', kind: 'files', id: user.profile_picture_file_id });
  }
  for (const [companyId, override] of Object.entries(user.overrides)) {
    const at = `/overrides/${escapeSegment(companyId)}`;
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

/** The rules beyond each record's JSON Schema: uniqueness and references (the store's lookup indexes too). */
export const fixtureKinds: { readonly [K in FixtureKind]: KindRule<KindRecords[K]> } = {
  companies: kindRule('companies', 'company', { unique: [{ fields: ['route'] }], seed: true, fill: fillCompany }),
  files: kindRule('files', 'file', {}),
  users: kindRule('users', 'user', { unique: [{ fields: ['username'], fold: true }], references: userReferences, seed: true, fill: fillUser }),
  products: kindRule('products', 'product', { references: (p) => [{ pointer: '/company_id', kind: 'companies', id: p.company_id }] }),
  experiences: kindRule('experiences', 'experience', {
    references: (e) => [
      { pointer: '/company_id', kind: 'companies', id: e.company_id },
      ...list('product_ids', 'products', e.product_ids, e.company_id),
    ],
  }),
  plans: kindRule('plans', 'plan', { references: (p) => [{ pointer: '/product_id', kind: 'products', id: p.product_id }] }),
  promo_codes: kindRule('promo_codes', 'promo code', {
    // A code is typed at checkout on one company's page, so it is unique within the company.
    unique: [{ fields: ['company_id', 'code'], fold: true }],
    references: (p) => [{ pointer: '/company_id', kind: 'companies', id: p.company_id }],
  }),
  // A user is one member of a company (seed 003: a member is the user-company connection).
  members: kindRule('members', 'member', { unique: [{ fields: ['company_id', 'user_id'] }], references: memberReferences, seed: true, fill: fillMember }),
  tokens: kindRule('tokens', 'token', {
    key: 'token',
    references: (t) => [
      ...(t.user_id === undefined ? [] : [{ pointer: '/user_id', kind: 'users' as const, id: t.user_id }]),
      ...(t.account_id === undefined ? [] : [{ pointer: '/account_id', kind: 'companies' as const, id: t.account_id }]),
    ],
  }),
};

/** Fixture kinds in load order (the registry's order): referenced kinds before the kinds that refer to them. */
export const fixtureKindNames: readonly FixtureKind[] = Object.freeze(Object.keys(fixtureKinds) as FixtureKind[]);

