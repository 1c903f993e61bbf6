import { escapeSegment } from '../../kernel/json-pointer.js';
import { schemaShape, type Shape } from '../../validation/schema-shape.js';

const MAX_DEPTH = 64;

/** A pointer as the drift report groups it: array indexes as `*` (`/data/3/user/email` -> `/data/*\/user/email`). */
export function generalPointer(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

/** The fields of a body its schema does not declare, as general pointers; made once per schema. */
export function unknownFieldFinder(schema: unknown, documents: ReadonlyMap<string, unknown>): (body: unknown) => string[] {
  const shape = schemaShape(schema, documents);
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
    const pointer = `${at}/${escapeSegment(key)}`;
    if (declared === undefined) found.add(generalPointer(pointer));
    else walk(inner, declared, pointer, found, depth + 1);
  }
}
