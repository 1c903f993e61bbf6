import type { ValidateFunction } from 'ajv';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import type { SpecValidators } from '../validation/spec-validators.js';

/** The newest declared error envelope, for errors no operation owns (unknown path, bad version, ...). */
export function errorEnvelopeValidator(spec: CompiledSpec, validators: SpecValidators): ValidateFunction | null {
  for (const [id, document] of [...spec.schemaDocuments].reverse()) {
    const schemas = (document as { components: { schemas: Record<string, unknown> } }).components.schemas;
    if (schemas.ErrorResponse !== undefined) return validators.compileResponseSchema({ $ref: `${id}#/components/schemas/ErrorResponse` });
  }
  return null;
}
