/** A lookup field of a collection: its values are unique, optionally compared case-insensitively. */
export interface IndexRule {
  readonly field: string;
  readonly fold?: boolean;
}

export const indexKey = (rule: IndexRule, value: string): string => (rule.fold ? value.toLowerCase() : value);

/**
 * The frozen, shared part of a collection: the world's records in fixture order, keyed, plus one
 * lookup index per unique field. Built once at start; every session's Collection reads through
 * it, so it must never change after construction (records are deep-frozen to make that hold).
 */
export class CollectionBase<T extends object> {
  readonly records: ReadonlyMap<string, T>;
  readonly indexes: ReadonlyMap<string, { readonly rule: IndexRule; readonly ids: ReadonlyMap<string, string> }>;

  constructor(
    readonly kind: string,
    readonly keyField: keyof T & string,
    records: Iterable<T>,
    indexRules: readonly IndexRule[] = [],
  ) {
    const byKey = new Map<string, T>();
    const indexes = new Map(indexRules.map((rule) => [rule.field, { rule, ids: new Map<string, string>() }]));
    for (const record of records) {
      const key = String(record[keyField]);
      if (byKey.has(key)) throw new Error(`${kind}: duplicate ${keyField} "${key}"`);
      byKey.set(key, deepFreeze(record));
      for (const { rule, ids } of indexes.values()) {
        const value = (record as Record<string, unknown>)[rule.field];
        if (typeof value !== 'string') continue;
        const k = indexKey(rule, value);
        const holder = ids.get(k);
        if (holder !== undefined) throw new Error(`${kind}: ${rule.field} "${value}" is used by both ${holder} and ${key}`);
        ids.set(k, key);
      }
    }
    this.records = byKey;
    this.indexes = indexes;
  }
}

/** Freezes a record and everything in it, so a handler that mutates instead of copying fails loudly. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
