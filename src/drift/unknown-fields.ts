import { isObject, type JsonObject } from '../openapi/load-specs.js';
import { generalPointer } from './field-paths.js';

/** The properties a schema declares at each place, read through $ref, allOf/anyOf/oneOf and then/else. */
interface Shape {
  /** null: the schema does not close the object (anything goes here). */
  properties: Map<string, Shape> | null;
  items: Shape | null;
}

const OPEN: Shape = { properties: null, items: null };
const MAX_DEPTH = 64;

/**
 * Finds the fields an upstream sent that the schema does not declare, as general pointers
 * (`/data/*\/nickname`). Compiled once per schema (memoized by the caller); recursive schemas are
 * fine (shapes are memoized per schema object while compiling).
 */
export function unknownFieldFinder(schema: unknown, documents: ReadonlyMap<string, unknown>): (body: unknown) => string[] {
  const shape = shapeOf(schema, documents, new Map());
  return (body) => {
    const found = new Set<string>();
    walk(body, shape, '', found, 0);
    return [...found];
  };
}

function walk(value: unknown, shape: Shape, at: string, found: Set<string>, depth: number): void {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    if (shape.items) value.forEach((item) => walk(item, shape.items as Shape, `${at}/*`, found, depth + 1));
    return;
  }
  if (shape.properties === null) return;
  for (const [key, inner] of Object.entries(value)) {
    const declared = shape.properties.get(key);
    const pointer = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (declared === undefined) found.add(generalPointer(pointer));
    else walk(inner, declared, pointer, found, depth + 1);
  }
}

function shapeOf(schema: unknown, documents: ReadonlyMap<string, unknown>, memo: Map<unknown, Shape>): Shape {
  if (!isObject(schema)) return OPEN;
  const known = memo.get(schema);
  if (known) return known;
  const shape: Shape = { properties: new Map(), items: null };
  memo.set(schema, shape);
  const parts: JsonObject[] = [schema];
  if (typeof schema.$ref === 'string') parts.push(asSchema(resolve(schema.$ref, documents)));
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(schema[key])) parts.push(...(schema[key] as unknown[]).map(asSchema));
  for (const key of ['then', 'else'] as const) if (isObject(schema[key])) parts.push(schema[key]);
  let closed = false;
  let open = false;
  for (const part of parts) {
    if (part !== schema) {
      const sub = shapeOf(part, documents, memo);
      if (sub.properties === null) open = open || isObject(part.properties) || part.additionalProperties !== undefined;
      for (const [name, inner] of sub.properties ?? []) shape.properties?.set(name, inner);
      if (sub.properties && sub.properties.size > 0) closed = true;
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

function resolve(ref: string, documents: ReadonlyMap<string, unknown>): unknown {
  const [id, fragment = ''] = ref.split('#');
  let node: unknown = documents.get(id ?? '');
  for (const raw of fragment.split('/').slice(1)) node = isObject(node) ? node[decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return node;
}

function asSchema(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}
