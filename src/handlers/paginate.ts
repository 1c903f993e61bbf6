import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors } from '../errors/catalogue.js';

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

/** Cursor signatures a server remembers (payloads are short: about 100 bytes each). */
const SIGNATURE_MEMO = 4096;

/**
 * Opaque, tamper-evident cursors: the sort key of an item plus the list and order it belongs to,
 * signed with a key made at start. A cursor that was edited, or comes from another list or order,
 * is a 400 — never a silently wrong page.
 */
export class CursorCodec {
  /** Payload -> signature, for the cursors this server has issued most recently (see sign). */
  readonly #signatures = new Map<string, string>();

  constructor(private readonly secret: string) {}

  /** Scope -> stored record (frozen) -> its cursor, for the CURSOR_MEMO most recent. */
  readonly #byRecord = new Map<string, Map<object, string>>();
  #remembered = 0;

  encode(scope: string, key: SortKey): string {
    const payload = Buffer.from(JSON.stringify([scope, key])).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /**
   * `encode(scope, keyOf(record))`, remembered for a frozen record: its key cannot change, so
   * neither can its cursor (a changed record is a new object). The first and last records of
   * the common pages are the same request after request. `keyOf` must be the key `scope` names
   * (each list's scope names its order).
   */
  cursorOf<T extends object>(scope: string, record: T, keyOf: (record: T) => SortKey): string {
    if (!Object.isFrozen(record)) return this.encode(scope, keyOf(record));
    let byRecord = this.#byRecord.get(scope);
    if (byRecord === undefined) this.#byRecord.set(scope, (byRecord = new Map()));
    let cursor = byRecord.get(record);
    if (cursor === undefined) {
      cursor = this.encode(scope, keyOf(record));
      if (this.#remembered >= SIGNATURE_MEMO) {
        this.#byRecord.clear();
        this.#remembered = 0;
        this.#byRecord.set(scope, (byRecord = new Map()));
      }
      byRecord.set(record, cursor);
      this.#remembered += 1;
    }
    return cursor;
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

  /**
   * HMAC-SHA256, truncated. A list answer signs two cursors and the next request usually sends one
   * back; an HMAC costs a few microseconds (more than the rest of the paging), so the last
   * SIGNATURE_MEMO signatures are remembered. The signature is a pure function of the payload
   * and this server's secret, so remembering one changes nothing.
   */
  private sign(payload: string): string {
    const known = this.#signatures.get(payload);
    if (known !== undefined) return known;
    const signature = createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 22);
    if (this.#signatures.size >= SIGNATURE_MEMO) this.#signatures.clear();
    this.#signatures.set(payload, signature);
    return signature;
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/**
 * Relay-style cursor pagination over a list already filtered and sorted by `compare`: the
 * definition. The list handlers page with `paginateOrdered`, which reads lazily and which the
 * tests hold to this function on random lists, cursors and page sizes.
 * `after`/`before` bound the window by sort key (so a cursor stays valid when records around it
 * change), `first` takes from the start of the window, `last` from its end. has_next_page and
 * has_previous_page tell whether anything lies beyond the page in the whole list.
 */
export function paginate<T>(items: readonly T[], options: PageOptions<T>, params: PageParams): { data: T[]; page_info: PageInfo } {
  refuseFirstWithLast(params);
  const { scope, keyOf, compare, codec } = options;
  let start = 0;
  let end = items.length;
  // The list is sorted by `compare`, so the window's edges are found by binary search.
  if (params.after !== undefined) {
    const key = codec.decode(scope, params.after, 'after');
    start = firstIndex(items, start, end, (item) => compare(keyOf(item), key) > 0);
  }
  if (params.before !== undefined) {
    const key = codec.decode(scope, params.before, 'before');
    end = firstIndex(items, start, end, (item) => compare(keyOf(item), key) >= 0);
  }
  if (params.last !== undefined) start = Math.max(start, end - params.last);
  else end = Math.min(end, start + (params.first ?? DEFAULT_PAGE_SIZE));
  const data = items.slice(start, end);
  const first = data[0];
  const last = data[data.length - 1];
  return {
    data,
    page_info: {
      start_cursor: first === undefined ? null : codec.encode(scope, keyOf(first)),
      end_cursor: last === undefined ? null : codec.encode(scope, keyOf(last)),
      has_previous_page: start > 0,
      has_next_page: end < items.length,
    },
  };
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

/** The first index in [low, high) whose item satisfies `past` (false for a prefix, then true). */
function firstIndex<T>(items: readonly T[], low: number, high: number, past: (item: T) => boolean): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (past(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
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
