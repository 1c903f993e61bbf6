import { isObject, type JsonObject } from '../openapi/load-specs.js';
import { resolveSchemaRef } from './resolve-schema-ref.js';

/** Keywords that only describe, or that judge one property on its own: they never tie items to each other or to the rest. */
const PAGE_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'title', 'description']);
const DATA_KEYWORDS = new Set(['type', 'items', 'title', 'description']);

/**
 * Whether a response schema is a list `{data: [items], ...}` whose validity splits cleanly: the
 * body is valid exactly when every item is valid against the items schema and the body with an
 * empty `data` is valid. True only for a closed, plain shape (an object with properties, `data` a
 * plain array): no allOf/anyOf/oneOf/if, no minItems/uniqueItems/contains, nothing that reads
 * two items together. Such a response may reuse items found valid before (FragmentCache).
 */
export function isItemList(schema: unknown, documents: ReadonlyMap<string, unknown>): boolean {
  const page = follow(schema, documents);
  if (page === null || page.type !== 'object' || !onlyKeywords(page, PAGE_KEYWORDS)) return false;
  if (page.additionalProperties !== undefined && typeof page.additionalProperties !== 'boolean') return false;
  const properties = page.properties;
  if (!isObject(properties) || !isObject(properties.data)) return false;
  const data = properties.data;
  return data.type === 'array' && isObject(data.items) && onlyKeywords(data, DATA_KEYWORDS);
}

/** The schema itself, or the one a lone `$ref` names (a chain of them); null for anything else. */
function follow(schema: unknown, documents: ReadonlyMap<string, unknown>, depth = 0): JsonObject | null {
  if (!isObject(schema) || depth > 16) return null;
  if (typeof schema.$ref !== 'string') return schema;
  if (Object.keys(schema).some((key) => key !== '$ref' && key !== 'description' && key !== 'title')) return null;
  return follow(resolveSchemaRef(schema.$ref, documents), documents, depth + 1);
}

function onlyKeywords(schema: JsonObject, allowed: ReadonlySet<string>): boolean {
  return Object.keys(schema).every((key) => allowed.has(key));
}
