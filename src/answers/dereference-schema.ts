import { isObject } from '../openapi/load-specs.js';

/** Keywords whose value is data, not a schema: copied as they are. */
const DATA = new Set(['enum', 'const', 'examples', 'default', 'required']);
/** Keywords whose value maps names to schemas: their keys are names, not keywords. */
const NAMED_SCHEMAS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/** Deeper than any schema of the specs; a recursive schema is cut here rather than looping. */
const MAX_DEPTH = 32;

/**
 * A sanitized response schema with every `$ref` replaced by what it names, so a generator that
 * knows nothing of our document ids can read it. Sanitized refs are absolute
 * (`whop-mock://<version>/<file>#/components/schemas/User`) and resolve in the compiled spec's
 * schema documents. A reference met again inside itself (a recursive schema) becomes `{}` past
 * MAX_DEPTH levels; the specs have none, and the generated body is validated anyway.
 */
export function dereferenceSchema(schema: unknown, documents: ReadonlyMap<string, unknown>, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((item) => dereferenceSchema(item, documents, depth));
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') {
    if (depth >= MAX_DEPTH) return {};
    const { $ref, ...siblings } = schema;
    const target = dereferenceSchema(resolve($ref, documents), documents, depth + 1);
    return Object.keys(siblings).length === 0 ? target : { allOf: [target, dereferenceSchema(siblings, documents, depth)] };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DATA.has(key)) copy[key] = value;
    else if (NAMED_SCHEMAS.has(key) && isObject(value)) {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, dereferenceSchema(sub, documents, depth)]));
    } else copy[key] = dereferenceSchema(value, documents, depth);
  }
  return copy;
}

function resolve(ref: string, documents: ReadonlyMap<string, unknown>): unknown {
  const [id = '', fragment = ''] = ref.split('#');
  let node: unknown = documents.get(id);
  for (const raw of fragment.split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[part] : undefined;
  }
  if (node === undefined) throw new Error(`$ref ${ref} points at nothing`);
  return node;
}
