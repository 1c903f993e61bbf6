import { fixtureKindNames, fixtureKinds, type Reference, type UniqueRule } from '../store/fixture-kinds.js';
import type { Fixtures, FixtureKind } from '../store/records.js';
import type { WorldState } from '../store/world-state.js';

type Row = Readonly<Record<string, unknown>>;
type RowRule = { key: string; unique: readonly UniqueRule[]; references: (record: Row) => Reference[] };
const ruleOf = (kind: FixtureKind): RowRule => fixtureKinds[kind] as unknown as RowRule;
type RowCollection = { get(key: string): Row | undefined; findBy(field: string, value: string): Row | undefined; values(): Iterable<Row> };
const collectionOf = (state: WorldState, kind: FixtureKind): RowCollection => state[kind] as unknown as RowCollection;

/**
 * The part of a session's world the integrity rules need to judge one new or replacing record:
 * the record (last of its kind, so a duplicate is reported on it), the records it refers to and
 * theirs in turn (a plan's product, for the same-company rule), and the records that hold its
 * unique values. checkIntegrity over this slice answers as it would over the whole world, in
 * time proportional to the record, not to the world (100,000 generated users stay fast).
 */
export function integritySlice(state: WorldState, kind: FixtureKind, record: Row): Fixtures {
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
