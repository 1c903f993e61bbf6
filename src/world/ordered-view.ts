import type { RecordOrder } from './collection-base.js';

/** Records whose lower-cased texts (any of them) contain `needle`. */
export interface TextFilter<T> {
  /** Names `textsOf`: one index per base world and order serves every filter of that name. */
  readonly name: string;
  /** The lower-cased texts a record is searched by (e.g. username and name). */
  readonly textsOf: (record: T) => readonly string[];
  /** Lower-cased; empty filters nothing out. */
  readonly needle: string;
}

/** Where an iteration starts: records after (or at, when inclusive) this key. */
export interface Bound<K> {
  readonly key: K;
  readonly inclusive: boolean;
}

/** A view's records in one order, filtered, read lazily from either end. */
export interface OrderedView<T, K> {
  ascending(from?: Bound<K>): Iterator<T>;
  descending(from?: Bound<K>): Iterator<T>;
}

/** The base side of a view: its records in order and, with a text filter, the positions that may match. */
export interface OrderedBase<T> {
  readonly records: readonly T[];
  /** Positions that may match (ascending), or undefined to try every position. */
  readonly candidates: Int32Array | undefined;
  /** Whether the base record at a position is in the view (not replaced or deleted there) and passes the whole filter. */
  keeps(position: number, record: T): boolean;
}

/**
 * Merges a collection's shared base (skipping what this view replaced or deleted) with the view's
 * own records (few, sorted apart): nothing is copied or sorted per request.
 */
export function orderedView<T, K>(
  order: RecordOrder<T, K>,
  base: OrderedBase<T>,
  own: readonly T[],
  /** The whole filter, for the view's own records. */
  ownKeeps: (record: T) => boolean,
): OrderedView<T, K> {
  const compare = (a: T, b: T) => order.compare(order.keyOf(a), order.keyOf(b));
  /** The first index whose key is past `key` (or, `atToo`, at it): the list is in ascending order. */
  const firstPast = (list: readonly T[], key: K, atToo: boolean): number =>
    firstIndex(list.length, (i) => {
      const c = order.compare(order.keyOf(list[i] as T), key);
      return c < 0 || (!atToo && c === 0);
    });
  /** First index whose key is past `from` (or the end). */
  const firstAfter = (list: readonly T[], from: Bound<K> | undefined) => (from === undefined ? 0 : firstPast(list, from.key, from.inclusive));
  /** Last index whose key is before `from`, plus one (or the length). */
  const lastBefore = (list: readonly T[], from: Bound<K> | undefined) => (from === undefined ? list.length : firstPast(list, from.key, !from.inclusive));
  const baseAt = (position: number): T | undefined => {
    const record = base.records[position] as T;
    return base.keeps(position, record) ? record : undefined;
  };
  function* baseFrom(start: number, step: 1 | -1): Generator<T> {
    const candidates = base.candidates;
    if (candidates === undefined) {
      for (let p = start; p >= 0 && p < base.records.length; p += step) {
        const record = baseAt(p);
        if (record !== undefined) yield record;
      }
      return;
    }
    // The first candidate at or past `start` in the walking direction.
    const edge = start + (step === 1 ? 0 : 1);
    const low = firstIndex(candidates.length, (i) => (candidates[i] as number) < edge);
    for (let i = step === 1 ? low : low - 1; i >= 0 && i < candidates.length; i += step) {
      const record = baseAt(candidates[i] as number);
      if (record !== undefined) yield record;
    }
  }
  function* ownFrom(start: number, step: 1 | -1): Generator<T> {
    for (let i = start; i >= 0 && i < own.length; i += step) if (ownKeeps(own[i] as T)) yield own[i] as T;
  }
  // A session that wrote nothing (the common case) reads the base alone, without the merge.
  return {
    ascending: (from) => {
      const fromBase = baseFrom(firstAfter(base.records, from), 1);
      return own.length === 0 ? fromBase : merge(fromBase, ownFrom(firstAfter(own, from), 1), compare);
    },
    descending: (from) => {
      const fromBase = baseFrom(lastBefore(base.records, from) - 1, -1);
      return own.length === 0 ? fromBase : merge(fromBase, ownFrom(lastBefore(own, from) - 1, -1), (a, b) => compare(b, a));
    },
  };
}

/** The first index below `length` where `before` turns false (it holds for a prefix: a binary search). */
export function firstIndex(length: number, before: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function* merge<T>(a: Iterator<T>, b: Iterator<T>, compare: (x: T, y: T) => number): Generator<T> {
  let x = a.next();
  let y = b.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && compare(x.value, y.value) <= 0)) {
      yield x.value as T;
      x = a.next();
    } else {
      yield y.value;
      y = b.next();
    }
  }
}
