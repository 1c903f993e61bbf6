import { errors } from '../kernel/catalogue.js';
import { CollectionBase, deepFreeze, indexKey, sortRecords, type RecordOrder } from './collection-base.js';
import { orderedView, type OrderedView, type TextFilter } from './ordered-view.js';
import { WriteLedger } from './write-ledger.js';

/** Marks a base record deleted in this view only. */
const TOMBSTONE = Symbol('deleted');
type Tombstone = typeof TOMBSTONE;

/**
 * One session's copy-on-write view of a collection: reads fall through a private overlay to the
 * shared frozen base, so a view copies nothing (100,000 users cost what ten do). `put` refuses a
 * taken unique value (handlers check `findBy` first) and, with a 413, a write past the byte budget.
 */
export class Collection<T extends object> {
  readonly #base: CollectionBase<T>;
  readonly #ledger: WriteLedger;
  readonly #overlay = new Map<string, T | Tombstone>();
  /** Bytes of each own record's JSON, as the ledger counts them. */
  readonly #sizes = new Map<string, number>();
  /** field -> index key -> record key, for values written in this view. May hold stale entries: findBy re-checks. */
  #overlayIndexes: Map<string, Map<string, string>> | undefined;
  /** This view's own (written) records in each order asked for since its last write. */
  #ownSorted: Map<string, readonly T[]> | undefined;

  constructor(base: CollectionBase<T>, ledger: WriteLedger = new WriteLedger()) {
    this.#base = base;
    this.#ledger = ledger;
  }

  get(key: string): T | undefined {
    const own = this.#overlay.get(key);
    if (own === TOMBSTONE) return undefined;
    return own ?? this.#base.records.get(key);
  }

  /** The record whose unique `field` equals `value` (folded for case-insensitive fields). */
  findBy(field: keyof T & string, value: string): T | undefined {
    if (field === this.#base.keyField) return this.get(value);
    const index = this.#base.indexes.get(field);
    if (index === undefined) throw new Error(`${this.#base.kind}: ${field} is not an indexed field`);
    const wanted = indexKey(index, value);
    // The overlay's claim wins; either candidate may be stale (renamed or deleted since), so each
    // is checked against the record as it is now. A renamed record thus frees its old value.
    for (const key of [this.#overlayIndexes?.get(field)?.get(wanted), index.ids.get(wanted)]) {
      if (key === undefined) continue;
      const record = this.get(key);
      const current = record === undefined ? undefined : (record as Record<string, unknown>)[field];
      if (typeof current === 'string' && indexKey(index, current) === wanted) return record;
    }
    return undefined;
  }

  /** Inserts or replaces; the stored record is frozen and returned. */
  put(record: T): T {
    const key = String(record[this.#base.keyField]);
    for (const index of this.#base.indexes.values()) {
      const value = (record as Record<string, unknown>)[index.field];
      if (typeof value !== 'string') continue;
      const holder = this.findBy(index.field as keyof T & string, value);
      if (holder !== undefined && String(holder[this.#base.keyField]) !== key) {
        throw new Error(`${this.#base.kind}: ${index.field} "${value}" is already used by ${String(holder[this.#base.keyField])}`);
      }
    }
    const json = JSON.stringify(record);
    const size = Buffer.byteLength(json);
    const grown = this.#ledger.bytes - (this.#sizes.get(key) ?? 0) + size + this.#ledger.beside.bytes;
    if (grown > this.#ledger.limit) throw errors.sessionFull(this.#ledger.limit, grown);
    const frozen = this.#set(key, deepFreeze(record), size);
    this.#ledger.record({ kind: this.#base.kind, key, json });
    return frozen;
  }

  /**
   * Loads a record as a store committed it (null: deleted), unchecked: a committed batch may pass
   * through states a single put would refuse (two users swapping usernames).
   */
  apply(key: string, json: string | null): void {
    if (json !== null) {
      this.#set(key, deepFreeze(JSON.parse(json) as T), Buffer.byteLength(json));
      return;
    }
    const own = this.#overlay.get(key);
    if (own === TOMBSTONE || (own === undefined && !this.#base.records.has(key))) return;
    this.#changed(key, 0);
    if (this.#base.records.has(key)) this.#overlay.set(key, TOMBSTONE);
    else this.#overlay.delete(key);
  }

  #set(key: string, frozen: T, size: number): T {
    this.#overlay.set(key, frozen);
    this.#changed(key, size);
    for (const index of this.#base.indexes.values()) {
      const value = (frozen as Record<string, unknown>)[index.field];
      if (typeof value !== 'string') continue;
      this.#overlayIndexes ??= new Map();
      let ids = this.#overlayIndexes.get(index.field);
      if (ids === undefined) this.#overlayIndexes.set(index.field, (ids = new Map()));
      ids.set(indexKey(index, value), key);
    }
    return frozen;
  }

  /** Counts a write of `size` bytes (0: a deletion) to the record at `key`. */
  #changed(key: string, size: number): void {
    this.#ownSorted = undefined;
    this.#ledger.writes += 1;
    this.#ledger.bytes += size - (this.#sizes.get(key) ?? 0);
    if (size === 0) this.#sizes.delete(key);
    else this.#sizes.set(key, size);
  }

  /** Base order with this view's changes, then its new records in put order: stable, so cursors stay valid. */
  *values(): IterableIterator<T> {
    for (const [key, record] of this.#base.records) {
      const own = this.#overlay.get(key);
      if (own === TOMBSTONE) continue;
      yield own ?? record;
    }
    for (const [key, own] of this.#overlay) {
      if (own !== TOMBSTONE && !this.#base.records.has(key)) yield own;
    }
  }

  /**
   * This view's records in `order` that contain `text` (if given) and pass `test`, read lazily
   * from either end, so a page out of 100,000 records copies and sorts nothing. The text filter
   * goes through the base's n-gram index; this view's own records are checked directly.
   */
  ordered<K>(order: RecordOrder<T, K>, filter: { text?: TextFilter<T>; test?: (record: T) => boolean } = {}): OrderedView<T, K> {
    const text = filter.text?.needle === '' ? undefined : filter.text;
    const test = filter.test ?? (() => true);
    const index = text === undefined ? undefined : this.#base.textIndex(order, text.name, text.textsOf);
    const overlay = this.#overlay;
    const keyField = this.#base.keyField;
    const base = {
      records: this.#base.sortedBy(order),
      candidates: text === undefined ? undefined : index?.candidates(text.needle),
      keeps: (position: number, record: T) =>
        (overlay.size === 0 || !overlay.has(String(record[keyField]))) && (text === undefined || index?.matches(position, text.needle) === true) && test(record),
    };
    const ownTest = text === undefined ? test : (record: T) => text.textsOf(record).some((t) => t.includes(text.needle)) && test(record);
    return orderedView(order, base, this.#own(order), ownTest);
  }

  /** This view's own records (put since it was made) in `order`, cached until the next write. */
  #own<K>(order: RecordOrder<T, K>): readonly T[] {
    if (this.#overlay.size === 0) return [];
    let own = this.#ownSorted?.get(order.name);
    if (own === undefined) {
      own = sortRecords([...this.#overlay.values()].filter((r): r is T => r !== TOMBSTONE), order);
      (this.#ownSorted ??= new Map()).set(order.name, own);
    }
    return own;
  }
}
