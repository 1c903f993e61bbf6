import { DEFAULT_PAGE_SIZE, refuseFirstWithLast, type PageInfo, type PageOptions, type PageParams } from '../../src/domain/paginate.js';

/**
 * The definition the list handlers' lazy paging (paginateOrdered) is held to: pagination over a
 * list already filtered and sorted by `compare`. has_next_page and has_previous_page tell whether
 * anything lies beyond the page in the whole list.
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


/** The first index in [low, high) whose item satisfies `past` (false for a prefix, then true). */
function firstIndex<T>(items: readonly T[], low: number, high: number, past: (item: T) => boolean): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (past(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}

