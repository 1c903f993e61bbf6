/**
 * The records each item of a list body is built from, so the finishing step can reuse the
 * item's served JSON (see src/validation/fragment-cache.ts). Source i names the records item i of
 * `body.data` is made from: the first is the item's own record (frozen, replaced on write, never
 * changed in place), the rest every other record its view reads (its user, its company, a file).
 * An item's view is a function of its sources alone: the same records give the same item.
 */
export type ItemSources = readonly ItemSource[];
export type ItemSource = readonly [record: object, ...dependencies: unknown[]];

/** A symbol, not enumerable: JSON, Ajv, projection, masking and deep comparisons never see it. */
const ITEM_SOURCES = Symbol('whop-mock.item-sources');

/** A list body: its items in `data` (the first key), and the page around them (`page_info`). */
export interface ListBody {
  data: unknown[];
  [key: string]: unknown;
}

/**
 * A list body `{data, page_info}` whose items are made from their sources when `data` is first
 * read. A list served from remembered items never reads it, so never builds its views; anything
 * else that reads the body (projection, validation, JSON) sees an ordinary array. Views are
 * functions of the sources taken by the handler, so building them later builds the same items.
 */
export function listBody<S extends ItemSource>(sources: readonly S[], viewOf: (source: S) => unknown, pageInfo: unknown): ListBody {
  const settle = (data: unknown[]): unknown[] => {
    Object.defineProperty(body, 'data', { value: data, writable: true, enumerable: true, configurable: true });
    return data;
  };
  // One literal: `data` first (JSON and the assembled payload rely on the order), an own
  // enumerable accessor until first read, then a plain property.
  const body = {
    get data(): unknown[] {
      return settle(sources.map(viewOf));
    },
    set data(value: unknown[]) {
      settle(value);
    },
    page_info: pageInfo,
  };
  // Not enumerable either: a deep comparison of two bodies (a test's toEqual) sees the items only.
  Object.defineProperty(body, ITEM_SOURCES, { value: sources, enumerable: false });
  return body;
}

/** The sources a list body carries, or undefined (any other body). */
export function itemSourcesOf(body: unknown): ItemSources | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return (body as { [ITEM_SOURCES]?: ItemSources })[ITEM_SOURCES];
}
