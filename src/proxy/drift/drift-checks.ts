import type { CompiledSpec, Operation } from '../../openapi/compile-operations.js';
import { escapeSegment } from '../../kernel/json-pointer.js';
import { declaredResponse } from '../../openapi/declared-response.js';
import { AjvValidators } from '../../validation/ajv-validators.js';
import { describe, type Violation } from '../../validation/check-response.js';
import { schemaShape, type Shape } from '../../validation/schema-shape.js';

const MAX_DEPTH = 64;

/** Every violation (Ajv with allErrors) and undeclared field of a body, compiled once per response schema. */
export function driftChecks(spec: CompiledSpec): {
  allViolations: (operation: Operation, status: number, body: unknown) => Violation[];
  unknownFields: (operation: Operation, status: number, body: unknown) => string[];
} {
  let ajv: AjvValidators | undefined;
  // Each response schema's shape, made once: the fields it declares, for the unknown-field walk.
  const shapes = new Map<unknown, Shape>();
  return {
    allViolations: (operation, status, body) => {
      const schema = declaredResponse(operation, status)?.schema;
      if (schema === undefined) return [];
      ajv ??= new AjvValidators(spec.schemaDocuments, spec.formats, { allErrors: true });
      const validate = ajv.get('response', schema, JSON.stringify(schema));
      if (validate(body)) return [];
      // `if` only says that a `then` failed; the `then` error itself is reported too.
      return (validate.errors ?? []).filter((error) => error.keyword !== 'if').map((error) => describe(error));
    },
    unknownFields: (operation, status, body) => {
      const schema = declaredResponse(operation, status)?.schema;
      if (schema === undefined) return [];
      let shape = shapes.get(schema);
      if (!shape) shapes.set(schema, (shape = schemaShape(schema, spec.schemaDocuments)));
      const found = new Set<string>();
      walk(body, shape, '', found, 0);
      return [...found];
    },
  };
}

/** A pointer as the drift report groups it: array indexes as `*` (`/data/3/user/email` -> `/data/*\/user/email`). */
export function generalPointer(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

/** Adds the fields of `value` its shape does not declare to `found`, as general pointers. */
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
