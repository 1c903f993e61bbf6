import type { CompiledSpec, Operation } from '../../openapi/compile-operations.js';
import { declaredResponse } from '../../openapi/declared-response.js';
import { AjvValidators } from '../../validation/ajv-validators.js';
import { describe, type Violation } from '../../validation/check-response.js';
import { unknownFieldFinder } from './unknown-fields.js';

/** Every violation (Ajv with allErrors) and undeclared field of a body, compiled once per response schema. */
export function driftChecks(spec: CompiledSpec): {
  allViolations: (operation: Operation, status: number, body: unknown) => Violation[];
  unknownFields: (operation: Operation, status: number, body: unknown) => string[];
} {
  let ajv: AjvValidators | undefined;
  const finders = new Map<unknown, (body: unknown) => string[]>();
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
      let find = finders.get(schema);
      if (!find) finders.set(schema, (find = unknownFieldFinder(schema, spec.schemaDocuments)));
      return find(body);
    },
  };
}
