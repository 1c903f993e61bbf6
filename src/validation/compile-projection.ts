import { isObject, type JsonObject } from '../openapi/load-specs.js';

/** What a schema declares about an object's shape: its property names, or "anything". */
interface Shape {
  /** null: keep every property (the schema does not close the object). */
  properties: Map<string, Shape> | null;
  items: Shape | null;
}

export type Projection = (value: unknown) => void;

const OPEN: Shape = { properties: null, items: null };

/**
 * Compiles a response schema into a function that removes, in place, every property the schema
 * does not declare — how one canonical record becomes the shape of an older version. Unlike
 * Ajv's removeAdditional it reads composition correctly: allOf/anyOf/oneOf and then/else add
 * declared properties; `if` only tests, it never shapes. Recursive schemas are fine: shapes are
 * memoized per schema object while compiling.
 */
export function compileProjection(schema: unknown, documents: ReadonlyMap<string, unknown>): Projection {
  const memo = new Map<unknown, Shape>();
  const shape = shapeOf(schema, documents, memo);
  return (value) => apply(value, shape, new Set());
}

function shapeOf(schema: unknown, documents: ReadonlyMap<string, unknown>, memo: Map<unknown, Shape>): Shape {
  if (!isObject(schema)) return OPEN;
  const known = memo.get(schema);
  if (known) return known;
  const shape: Shape = { properties: new Map(), items: null };
  memo.set(schema, shape);
  const parts: JsonObject[] = [schema];
  if (typeof schema.$ref === 'string') parts.push(asSchema(resolve(schema.$ref, documents)));
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) parts.push(...list.map(asSchema));
  }
  for (const key of ['then', 'else'] as const) if (isObject(schema[key])) parts.push(schema[key]);
  let closed = false;
  let open = false;
  for (const part of parts) {
    const sub = part === schema ? null : shapeOf(part, documents, memo);
    if (sub) {
      if (sub.properties === null) open = true;
      else if (sub.properties.size > 0) closed = true;
      for (const [name, inner] of sub.properties ?? []) shape.properties?.set(name, inner);
      shape.items ??= sub.items;
      continue;
    }
    if (isObject(part.properties)) {
      closed = true;
      for (const [name, inner] of Object.entries(part.properties)) shape.properties?.set(name, shapeOf(inner, documents, memo));
    }
    if (part.additionalProperties !== undefined && part.additionalProperties !== false) open = true;
    if (part.patternProperties !== undefined) open = true;
    if (part.items !== undefined) shape.items = shapeOf(part.items, documents, memo);
  }
  if (open || !closed) shape.properties = null;
  return shape;
}

function apply(value: unknown, shape: Shape, seen: Set<unknown>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    if (shape.items) for (const item of value) apply(item, shape.items, seen);
    return;
  }
  if (!shape.properties) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const inner = shape.properties.get(key);
    if (inner === undefined) delete record[key];
    else apply(record[key], inner, seen);
  }
}

function resolve(ref: string, documents: ReadonlyMap<string, unknown>): unknown {
  const [id, fragment = ''] = ref.split('#');
  let node: unknown = documents.get(id ?? '');
  for (const raw of fragment.split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[part] : undefined;
  }
  return node;
}

function asSchema(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}
