import type { OrderedView } from '../store/ordered-view.js';
import { DEFAULT_PAGE_SIZE, refuseFirstWithLast, type PageInfo, type PageOptions, type PageParams, type SortKey } from './paginate.js';

/**
 * `paginate` over a lazily read list: the same pages, cursors and page_info, reading only the
 * page and one record on either side of it instead of the whole list. With M the matching
 * records in order, A the `after` key and B the `before` key, paginate takes the window of M
 * after A and before B, then its first `first` (or last `last`) records; has_previous_page says
 * whether M has records before the page, has_next_page whether it has records after it (even
 * past B). Each of those is one step of an iterator here.
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
    // More of the window than the page, or anything at or before `after`.
    const windowGoesOn = !next.done && (after === undefined || compare(keyOf(next.value), after) > 0);
    hasPrevious = windowGoesOn || anyAtOrBeforeAfter();
    // Without `before` the window runs to the end; with it, anything at or past `before` (and past `after`).
    hasNext = before !== undefined && !view.ascending(after !== undefined && compare(after, before) >= 0 ? { key: after, inclusive: false } : { key: before, inclusive: true }).next().done;
  }
  const first = data[0];
  const last = data[data.length - 1];
  return {
    data,
    page_info: {
      start_cursor: first === undefined ? null : codec.cursorOf(scope, first, keyOf),
      end_cursor: last === undefined ? null : codec.cursorOf(scope, last, keyOf),
      has_previous_page: hasPrevious,
      has_next_page: hasNext,
    },
  };
}
