import type { ItemSource } from '../answers/item-sources.js';

/** A symbol, not enumerable: JSON, Ajv, projection, masking and deep comparisons never see it. */
const RECORD_SOURCE = Symbol('whop-mock.record-source');

/**
 * A single-record body (GET /users/{id}, GET /members/{id}) that names the records its view is
 * built from, as a list's items do (src/answers/item-sources.ts): the first is the body's own
 * record (frozen, replaced on write), the rest every other record the view reads. The view must
 * be a function of its source alone: the same records give the same body. The finishing step may
 * then serve the body's JSON remembered from the last time the same records were served in this
 * version to a caller who may see the same fields (src/http/finish-response.ts).
 */
export function recordBody<S extends ItemSource>(source: S, viewOf: (source: S) => object): object {
  const body = viewOf(source);
  Object.defineProperty(body, RECORD_SOURCE, { value: source, enumerable: false });
  return body;
}

/** The source a single-record body carries, or undefined (any other body). */
export function recordSourceOf(body: unknown): ItemSource | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return (body as { [RECORD_SOURCE]?: ItemSource })[RECORD_SOURCE];
}
