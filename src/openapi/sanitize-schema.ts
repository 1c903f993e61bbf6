import { isObject } from '../kernel/json-pointer.js';

/** Keywords whose value is a map from names to schemas: their keys are names, not keywords. */
const NAMED_SCHEMAS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** OpenAPI annotations that are not JSON Schema keywords. */
const OPENAPI_ONLY = new Set(['example', 'discriminator', 'xml', 'externalDocs']);

/**
 * Copies a schema for Ajv's strict mode: drops `x-*` and OpenAPI-only annotations, makes local
 * `$ref`s absolute against the document's id (so a schema compiled alone finds its components),
 * and reports every `format`, so unknown OpenAPI formats (int64, ...) can be registered.
 */
export function sanitizeSchema(schema: unknown, documentId: string, formats: Set<string>): unknown {
  if (Array.isArray(schema)) return schema.map((item) => sanitizeSchema(item, documentId, formats));
  if (!isObject(schema)) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || OPENAPI_ONLY.has(key)) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#')) {
      copy[key] = `${documentId}${value}`;
    } else if (key === 'format' && typeof value === 'string') {
      formats.add(value);
      copy[key] = value;
    } else if (key === 'examples' || key === 'const' || key === 'default' || key === 'enum') {
      copy[key] = value; // data, not schemas
    } else if (NAMED_SCHEMAS.has(key) && isObject(value)) {
      copy[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, sanitizeSchema(sub, documentId, formats)]),
      );
    } else {
      copy[key] = sanitizeSchema(value, documentId, formats);
    }
  }
  return copy;
}
