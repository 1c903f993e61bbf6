import { isObject, pointerKeys } from '../kernel/json-pointer.js';
import { errors } from '../kernel/catalogue.js';
import { checkIntegrity } from '../world/check-integrity.js';
import { FixtureError } from '../world/fixture-error.js';
import { fixtureKindNames, fixtureKinds, type Reference, type UniqueRule } from '../world/fixture-kinds.js';
import type { SeedLookup } from '../world/record-defaults.js';
import { problemsText, type RecordValidators } from '../world/record-validators.js';
import type { FixtureKind, Fixtures } from '../world/records.js';
import type { WorldState } from '../world/world-state.js';

export type SeedRecord<K extends FixtureKind> = Fixtures[K][number];

/**
 * Creates or replaces one record in a session by the fixtures' rules (record schema, then
 * integrity over the slice it touches). A partial record is merged into the one with its key, or
 * filled with the kind's defaults (src/world/record-defaults.ts). Nothing is stored unless all hold.
 */
export function seedRecord<K extends FixtureKind>(state: WorldState, kind: K, record: unknown, validators: RecordValidators): SeedRecord<K> {
  const rule = fixtureKinds[kind];
  const { noun, key } = rule;
  // A copy: the store freezes what it keeps, and the caller's object must stay theirs.
  record = structuredClone(record);
  if (isObject(record)) {
    const existing = typeof record[key] === 'string' ? (state[kind].get(record[key]) as Row | undefined) : undefined;
    record = existing !== undefined ? { ...existing, ...record } : rule.fill === undefined ? record : rule.fill(record, lookup(state));
  }
  const problems = validators[kind](record);
  if (problems !== undefined) {
    const count = problems.length === 1 ? '' : `${problems.length} problems: `;
    throw errors.recordInvalid(noun, paramOf(problems[0]?.pointer ?? ''), `${count}${problemsText(problems)}`);
  }
  const row = record as Row;
  try {
    checkIntegrity(integritySlice(state, kind, row), (other) => `this session's ${other}`);
  } catch (error) {
    if (!(error instanceof FixtureError)) throw error;
    const pointer = error.location?.pointer ?? '';
    const elsewhere = error.location?.id !== undefined && error.location.id !== row[key] ? `${error.location.id}: ` : '';
    throw errors.recordInvalid(noun, paramOf(pointer), `${elsewhere}${error.detail}`);
  }
  // Collection.put is typed per kind; the schema and integrity checks above are what make `record` one.
  return (state[kind] as unknown as { put(value: Row): SeedRecord<K> }).put(row);
}

/** The session as the defaults see it. */
function lookup(state: WorldState): SeedLookup {
  return {
    get: (kind, key) => collectionOf(state, kind).get(key),
    holds: (kind, field, value) => collectionOf(state, kind).findBy(field, value) !== undefined,
    first: (kind) => collectionOf(state, kind).values().next().value,
  };
}

/** `/verification/individual/status` -> `verification.individual.status`; the record itself -> `body`. */
function paramOf(pointer: string): string {
  const path = pointerKeys(pointer);
  return path.length === 0 ? 'body' : path.join('.');
}

type Row = Readonly<Record<string, unknown>>;
type RowRule = { key: string; unique: readonly UniqueRule[]; references: (record: Row) => Reference[] };
const ruleOf = (kind: FixtureKind): RowRule => fixtureKinds[kind] as unknown as RowRule;
type RowCollection = { get(key: string): Row | undefined; findBy(field: string, value: string): Row | undefined; values(): IterableIterator<Row> };
/** A kind's collection with its records as plain rows (each is typed per kind). */
const collectionOf = (state: WorldState, kind: FixtureKind): RowCollection => state[kind] as unknown as RowCollection;

/**
 * What the integrity rules need to judge one record: it (last of its kind, so a duplicate is
 * reported on it), what it refers to, transitively, and the holders of its unique values. Checking
 * this slice answers as the whole world would, in time of the record (100,000 users stay fast).
 */
function integritySlice(state: WorldState, kind: FixtureKind, record: Row): Fixtures {
  const picked = new Map<FixtureKind, Map<string, Row>>(fixtureKindNames.map((k) => [k, new Map()]));
  const ownKey = String(record[ruleOf(kind).key]);
  const add = (k: FixtureKind, row: Row): void => {
    const key = String(row[ruleOf(k).key]);
    const rows = picked.get(k) as Map<string, Row>;
    if (rows.has(key) || (k === kind && key === ownKey && row !== record)) return;
    rows.set(key, row);
    for (const ref of ruleOf(k).references(row)) {
      const target = collectionOf(state, ref.kind).get(ref.id);
      if (target !== undefined) add(ref.kind, target);
    }
  };
  for (const unique of ruleOf(kind).unique) for (const holder of holders(state, kind, unique, record)) add(kind, holder);
  add(kind, record);
  return Object.fromEntries([...picked].map(([k, rows]) => [k, [...rows.values()]])) as unknown as Fixtures;
}

/** Records of the kind holding the record's value of a unique rule (an index lookup when there is one). */
function holders(state: WorldState, kind: FixtureKind, unique: UniqueRule, record: Row): Row[] {
  const values = unique.fields.map((field) => record[field]);
  if (values.some((value) => typeof value !== 'string')) return [];
  const collection = collectionOf(state, kind);
  const [field] = unique.fields;
  if (unique.fields.length === 1 && field !== undefined) {
    const holder = collection.findBy(field, values[0] as string);
    return holder === undefined ? [] : [holder];
  }
  // Composite rules (a member's company and user) have no index: one pass over the kind.
  const fold = (value: unknown) => (unique.fold ? String(value).toLowerCase() : String(value));
  return [...collection.values()].filter((row) => unique.fields.every((f, i) => fold(row[f]) === fold(values[i])));
}
