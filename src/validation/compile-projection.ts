import { isObject, type JsonObject } from '../openapi/load-specs.js';
import { resolveSchemaRef } from './resolve-schema-ref.js';

/** What a schema declares about an object's shape: its property names, or "anything". */
interface Shape {
  /** null: keep every property (the schema does not close the object). */
  properties: Map<string, Shape> | null;
  items: Shape | null;
  /** Nothing to remove at or below this shape (decided once compiled): values are left alone. */
  leaf: boolean;
}

export type Projection = (value: unknown) => void;

const OPEN: Shape = { properties: null, items: null, leaf: true };

/** Deeper than any response body; guards against a body that refers to itself. */
const MAX_DEPTH = 64;

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
  markLeaves(memo);
  return (value) => apply(value, shape, 0);
}

/** A shape is a leaf when it neither closes an object nor has items that need work. */
function markLeaves(memo: Map<unknown, Shape>): void {
  for (const shape of memo.values()) shape.leaf = false;
  // Recursive schemas make cycles of shapes: settle by repetition (shapes only ever become leaves).
  for (let changed = true; changed; ) {
    changed = false;
    for (const shape of memo.values()) {
      const leaf = shape.properties === null && (shape.items === null || shape.items.leaf);
      if (leaf && !shape.leaf) {
        shape.leaf = true;
        changed = true;
      }
    }
  }
}

function shapeOf(schema: unknown, documents: ReadonlyMap<string, unknown>, memo: Map<unknown, Shape>): Shape {
  if (!isObject(schema)) return OPEN;
  const known = memo.get(schema);
  if (known) return known;
  const shape: Shape = { properties: new Map(), items: null, leaf: false };
  memo.set(schema, shape);
  const parts: JsonObject[] = [schema];
  if (typeof schema.$ref === 'string') parts.push(asSchema(resolveSchemaRef(schema.$ref, documents)));
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

function apply(value: unknown, shape: Shape, depth: number): void {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    const items = shape.items;
    if (items !== null && !items.leaf) for (const item of value) apply(item, items, depth + 1);
    return;
  }
  const properties = shape.properties;
  if (properties === null) return;
  const record = value as Record<string, unknown>;
  // for...in (deleting the current key is allowed): no array of keys per object.
  for (const key in record) {
    const inner = properties.get(key);
    if (inner === undefined) delete record[key];
    else if (!inner.leaf) apply(record[key], inner, depth + 1);
  }
}

function asSchema(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}
