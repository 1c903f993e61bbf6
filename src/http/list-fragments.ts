import type { Principal } from '../auth/principal.js';
import type { ItemSources, ListBody } from '../answers/item-sources.js';
import type { FragmentCache } from '../validation/fragment-cache.js';
import type { ResponseValidator } from '../validation/spec-validators.js';

/** The opening every list payload assembled here has (`data` is the first key of a list body). */
const OPENING = '{"data":[]';

/**
 * Which fragments a request may use: validated or not (response validation off), and which
 * fields the caller's scopes hide (x-field-scopes).
 */
export function fragmentVariant(validated: boolean, fieldScopes: Readonly<Record<string, string>>, principal: Principal): string {
  let variant = validated ? 'v' : 'n';
  for (const pointer in fieldScopes) if (!principal.scopes.has(fieldScopes[pointer] as string)) variant += ` ${pointer}`;
  return variant;
}

/**
 * A list's payload from its items' remembered served JSON, or null when an item has none (or the
 * page around the items is not valid: the caller then projects, masks and validates the whole
 * body as it always does, and reports exactly what it reports). With every item known valid in
 * this version and variant, the body is valid exactly when the page with no items is
 * (isItemList), so only that is checked here.
 */
export function listFromFragments(declared: ResponseValidator, cache: FragmentCache, body: object, sources: ItemSources, variant: string, validate: boolean): string | null {
  const texts: string[] = new Array<string>(sources.length);
  for (let i = 0; i < sources.length; i++) {
    const text = cache.get(sources[i] as ItemSources[number], variant);
    if (text === undefined) return null;
    texts[i] = text;
  }
  const page = emptyPage(body);
  declared.project?.(page);
  if (validate && declared.validate !== null && !declared.validate(page)) return null;
  return assemble(page, texts);
}

/**
 * After the whole body was projected, masked and (when `validated`) found valid: remembers each
 * item's served JSON and answers the payload made of them (JSON.stringify(body), byte for byte).
 */
export function rememberItems(cache: FragmentCache, body: ListBody, sources: ItemSources, variant: string): string {
  const texts = body.data.map((item, i) => {
    const text = JSON.stringify(item);
    cache.set(sources[i] as ItemSources[number], variant, text);
    return text;
  });
  return assemble(emptyPage(body), texts) ?? JSON.stringify(body);
}

/** The body with no items; its `data` is not read (a lazy list's views are not built). */
function emptyPage(body: object): Record<string, unknown> {
  const page: Record<string, unknown> = {};
  for (const key in body) page[key] = key === 'data' ? [] : (body as Record<string, unknown>)[key];
  return page;
}

function assemble(page: Record<string, unknown>, texts: readonly string[]): string | null {
  const rest = JSON.stringify(page);
  if (!rest.startsWith(OPENING)) return null;
  return `{"data":[${texts.join(',')}]${rest.slice(OPENING.length)}`;
}

/** A body the handler made as a list with one source per item. */
export function isListBody(body: unknown, sources: ItemSources): body is ListBody {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  return Array.isArray(data) && data.length === sources.length;
}
