/**
 * The records each item of a list body was built from, so the finishing step can reuse the
 * item's served JSON (see src/validation/fragment-cache.ts). Index i names the records item i of
 * `body.data` was made from: the first is the item's own record (frozen, replaced on write, never
 * changed in place), the rest every other record its view read (its user, its company, a file).
 * The same records give the same view: that is the whole contract, so a view function and its
 * sources function live side by side.
 */
export type ItemSources = readonly ItemSource[];
export type ItemSource = readonly [record: object, ...dependencies: unknown[]];

/** Not enumerable and a symbol: JSON, Ajv, projection and masking never see it. */
const ITEM_SOURCES = Symbol('whop-mock.item-sources');

/** A list body `{data, page_info}` that says which records its items came from. */
export function withItemSources<B extends { data: readonly unknown[] }>(body: B, sources: ItemSources): B {
  if (sources.length !== body.data.length) throw new Error('withItemSources: one source per item');
  Object.defineProperty(body, ITEM_SOURCES, { value: sources, enumerable: false });
  return body;
}

/** The sources a list body carries, or undefined (any other body). */
export function itemSourcesOf(body: unknown): ItemSources | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return (body as { [ITEM_SOURCES]?: ItemSources })[ITEM_SOURCES];
}
