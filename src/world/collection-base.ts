import type { UniqueRule } from './fixture-kinds.js';
import { NgramIndex } from './ngram-index.js';

export const indexKey = (index: { readonly fold: boolean }, value: string): string => (index.fold ? value.toLowerCase() : value);

/** A total order over records, named so a sorted copy can be kept per order. */
export interface RecordOrder<T, K = unknown> {
  /** Identifies keyOf + compare together (e.g. `members:created_at:desc`). */
  readonly name: string;
  keyOf(record: T): K;
  compare(a: K, b: K): number;
}

/** Sorts with each record's key computed once (lists sort up to 100,000 records). */
export function sortRecords<T, K>(records: Iterable<T>, order: RecordOrder<T, K>): T[] {
  const keyed = Array.from(records, (record) => ({ record, key: order.keyOf(record) }));
  keyed.sort((a, b) => order.compare(a.key, b.key));
  return keyed.map((entry) => entry.record);
}

/** The frozen, shared part of a collection, built once: records in fixture order and unique-field indexes. */
export class CollectionBase<T extends object> {
  readonly records: ReadonlyMap<string, T>;
  /** The base records in each order asked for, sorted once and shared by every session. */
  readonly #sorted = new Map<string, readonly T[]>();
  /** Text indexes over a sorted order, built on first search and shared by every session. */
  readonly #textIndexes = new Map<string, NgramIndex>();
  /** A lookup index (index key -> record key) per unique rule of one field; a composite rule is the integrity check's alone. */
  readonly indexes: ReadonlyMap<string, { readonly field: string; readonly fold: boolean; readonly ids: ReadonlyMap<string, string> }>;

  constructor(
    readonly kind: string,
    readonly keyField: keyof T & string,
    records: Iterable<T>,
    unique: readonly UniqueRule[] = [],
  ) {
    const byKey = new Map<string, T>();
    const single = unique.filter((rule) => rule.fields.length === 1).map((rule) => ({ field: rule.fields[0] ?? '', fold: rule.fold ?? false, ids: new Map<string, string>() }));
    const indexes = new Map(single.map((index) => [index.field, index]));
    for (const record of records) {
      const key = String(record[keyField]);
      if (byKey.has(key)) throw new Error(`${kind}: duplicate ${keyField} "${key}"`);
      byKey.set(key, deepFreeze(record));
      for (const index of single) {
        const value = (record as Record<string, unknown>)[index.field];
        if (typeof value !== 'string') continue;
        const k = indexKey(index, value);
        const holder = index.ids.get(k);
        if (holder !== undefined) throw new Error(`${kind}: ${index.field} "${value}" is used by both ${holder} and ${key}`);
        index.ids.set(k, key);
      }
    }
    this.records = byKey;
    this.indexes = indexes;
  }

  sortedBy<K>(order: RecordOrder<T, K>): readonly T[] {
    let sorted = this.#sorted.get(order.name);
    if (sorted === undefined) this.#sorted.set(order.name, (sorted = sortRecords(this.records.values(), order)));
    return sorted;
  }

  /** The text index of `sortedBy(order)` by `textsOf` (named `name`), built once. */
  textIndex<K>(order: RecordOrder<T, K>, name: string, textsOf: (record: T) => readonly string[]): NgramIndex {
    const key = `${name}\u0000${order.name}`;
    let found = this.#textIndexes.get(key);
    if (found === undefined) this.#textIndexes.set(key, (found = new NgramIndex(this.sortedBy(order).map(textsOf))));
    return found;
  }
}

/** Freezes a record and everything in it, so a handler that mutates instead of copying fails loudly. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  // for...in, not Object.values: no array per object (a world of 100,000 users has a million objects).
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const inner = record[key];
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  }
  return Object.freeze(value);
}
