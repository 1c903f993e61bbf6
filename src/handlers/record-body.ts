import type { ItemSource } from '../answers/item-sources.js';

/** Hands back the object it is given, so a subclass can put its private field on that object. */
class Carrier {
  constructor(body: object) {
    return body;
  }
}

/**
 * The tag: a private field set on the view itself. It is not a property at all, so JSON, Ajv,
 * projection, masking, spreads, structuredClone and deep comparisons never see it; setting it
 * costs what a property store does (a non-enumerable property through Object.defineProperty
 * took a runtime call on every answer).
 */
class RecordTag extends Carrier {
  readonly #source: ItemSource;

  constructor(body: object, source: ItemSource) {
    super(body);
    this.#source = source;
  }

  static sourceOf(body: object): ItemSource | undefined {
    return #source in body ? (body as RecordTag).#source : undefined;
  }
}

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
  new RecordTag(body, source);
  return body;
}

/** The source a single-record body carries, or undefined (any other body, a copy of one included). */
export function recordSourceOf(body: unknown): ItemSource | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return RecordTag.sourceOf(body);
}
