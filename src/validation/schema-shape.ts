import { isObject, schemaAt, type JsonObject } from '../kernel/json-pointer.js';
import { asObject } from '../openapi/resolve-ref.js';

/** What a schema declares about a value's shape: an object's property names, or "anything"; an array's items. */
export interface Shape {
  /** null: the schema does not close the object (anything goes here). */
  properties: Map<string, Shape> | null;
  items: Shape | null;
  /** Nothing is declared at or below this shape: an open object, or items that are leaves. */
  leaf: boolean;
}

const OPEN: Shape = { properties: null, items: null, leaf: true };

/**
 * The shape a response schema declares, read through `$ref`, allOf/anyOf/oneOf and then/else (`if`
 * only tests); a part silent on properties neither closes nor opens the object. Projection and
 * drift both walk it. Shapes are memoized per schema object, so recursive schemas are fine.
 */
export function schemaShape(schema: unknown, documents: ReadonlyMap<string, unknown>): Shape {
  const memo = new Map<unknown, Shape>();
  const shape = shapeOf(schema, documents, memo);
  markLeaves(memo);
  return shape;
}

function shapeOf(schema: unknown, documents: ReadonlyMap<string, unknown>, memo: Map<unknown, Shape>): Shape {
  if (!isObject(schema)) return OPEN;
  const known = memo.get(schema);
  if (known) return known;
  const shape: Shape = { properties: new Map(), items: null, leaf: false };
  memo.set(schema, shape);
  const parts: JsonObject[] = [];
  if (typeof schema.$ref === 'string') parts.push(asObject(schemaAt(schema.$ref, documents)));
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(schema[key])) parts.push(...(schema[key] as unknown[]).map(asObject));
  for (const key of ['then', 'else'] as const) if (isObject(schema[key])) parts.push(schema[key]);
  let closed = isObject(schema.properties);
  let open = (schema.additionalProperties !== undefined && schema.additionalProperties !== false) || schema.patternProperties !== undefined;
  for (const [name, inner] of Object.entries(isObject(schema.properties) ? schema.properties : {})) shape.properties?.set(name, shapeOf(inner, documents, memo));
  if (schema.items !== undefined) shape.items = shapeOf(schema.items, documents, memo);
  for (const part of parts) {
    const sub = shapeOf(part, documents, memo);
    if (sub.properties === null) open = open || isObject(part.properties) || part.additionalProperties !== undefined;
    else if (sub.properties.size > 0) closed = true;
    for (const [name, inner] of sub.properties ?? []) shape.properties?.set(name, inner);
    shape.items ??= sub.items;
  }
  if (open || !closed) shape.properties = null;
  return shape;
}

/** A shape is a leaf when it neither closes an object nor has items that need work; cycles settle by repetition. */
function markLeaves(memo: Map<unknown, Shape>): void {
  for (const shape of memo.values()) shape.leaf = false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const shape of memo.values()) {
      if (!shape.leaf && shape.properties === null && (shape.items === null || shape.items.leaf)) {
        shape.leaf = true;
        changed = true;
      }
    }
  }
}
