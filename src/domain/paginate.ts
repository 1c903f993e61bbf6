import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors } from '../kernel/catalogue.js';
import type { OrderedView } from '../world/ordered-view.js';

export type SortKey = ReadonlyArray<string | number | null>;

export interface PageParams {
  first?: number | undefined;
  last?: number | undefined;
  after?: string | undefined;
  before?: string | undefined;
}

export interface PageInfo {
  end_cursor: string | null;
  start_cursor: string | null;
  has_next_page: boolean;
  has_previous_page: boolean;
}

/** Used when a request names neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 10;

/**
 * Opaque, tamper-evident cursors: the sort key of an item plus the list and order it belongs to,
 * signed (HMAC-SHA256, truncated) with a key made at start or shared by replicas. A cursor that
 * was edited, or comes from another list or order, is a 400 — never a silently wrong page.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(scope: string, key: SortKey): string {
    const payload = Buffer.from(JSON.stringify([scope, key])).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  decode(scope: string, cursor: string, param: string): SortKey {
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined || !this.verify(payload, signature)) {
      throw errors.parameterInvalid(param, 'is not a cursor this server issued');
    }
    const [ownScope, key] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, SortKey];
    if (ownScope !== scope) throw errors.parameterInvalid(param, 'belongs to a different list or order');
    return key;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 22);
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** How a list pages: its cursor scope (list and order), each item's sort key and their order. */
export interface PageOptions<T> {
  scope: string;
  keyOf: (item: T) => SortKey;
  compare: (a: SortKey, b: SortKey) => number;
  codec: CursorCodec;
}

export function refuseFirstWithLast(params: PageParams): void {
  if (params.first !== undefined && params.last !== undefined) {
    throw errors.parameterInvalid('last', 'cannot be combined with first; page forward with first/after or backward with last/before');
  }
}

/** Orders sort keys element by element; nulls sort first. */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Relay-style cursor pagination over a lazily read list, reading only the page and one record on
 * either side: `after`/`before` bound the window by sort key (so a cursor survives edits around
 * it), `first`/`last` take from its start/end; has_previous_page and has_next_page say whether any
 * matching record lies before/after the page (even past `before`). The tests hold it to the plain
 * definition over an array (test/support/paginate-array.ts).
 */
export function paginateOrdered<T extends object>(view: OrderedView<T, SortKey>, options: PageOptions<T>, params: PageParams): { data: T[]; page_info: PageInfo } {
  refuseFirstWithLast(params);
  const { scope, keyOf, compare, codec } = options;
  const after = params.after === undefined ? undefined : codec.decode(scope, params.after, 'after');
  const before = params.before === undefined ? undefined : codec.decode(scope, params.before, 'before');
  const data: T[] = [];
  let hasPrevious: boolean;
  let hasNext: boolean;
  // Anything at or before `after` lies before the window.
  const anyAtOrBeforeAfter = () => after !== undefined && !view.descending({ key: after, inclusive: true }).next().done;
  if (params.last === undefined) {
    const size = params.first ?? DEFAULT_PAGE_SIZE;
    const walk = view.ascending(after === undefined ? undefined : { key: after, inclusive: false });
    let next = walk.next();
    while (!next.done && data.length < size && (before === undefined || compare(keyOf(next.value), before) < 0)) {
      data.push(next.value);
      next = walk.next();
    }
    hasNext = !next.done;
    hasPrevious = anyAtOrBeforeAfter();
  } else {
    const walk = view.descending(before === undefined ? undefined : { key: before, inclusive: false });
    let next = walk.next();
    while (!next.done && data.length < params.last && (after === undefined || compare(keyOf(next.value), after) > 0)) {
      data.push(next.value);
      next = walk.next();
    }
    data.reverse();
    // More of the window than the page, or anything at or before `after` (the walk's next record is one or the other).
    hasPrevious = !next.done || anyAtOrBeforeAfter();
    // Without `before` the window runs to the end; with it, anything at or past `before` (and past `after`).
    hasNext = before !== undefined && !view.ascending(after !== undefined && compare(after, before) >= 0 ? { key: after, inclusive: false } : { key: before, inclusive: true }).next().done;
  }
  const first = data[0];
  const last = data[data.length - 1];
  return {
    data,
    page_info: {
      start_cursor: first === undefined ? null : codec.encode(scope, keyOf(first)),
      end_cursor: last === undefined ? null : codec.encode(scope, keyOf(last)),
      has_previous_page: hasPrevious,
      has_next_page: hasNext,
    },
  };
}
