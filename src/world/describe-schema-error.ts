import type { ErrorObject } from 'ajv';
import { escapeSegment, valueAt } from '../kernel/json-pointer.js';

/** One schema failure, said the way a person fixing a fixture needs it: which field, what rule. */
export interface SchemaProblem {
  readonly pointer: string;
  readonly message: string;
}

/** Ajv reports a missing or unknown property on the parent object; we point at the property, what to fix. */
export function describeSchemaError(error: ErrorObject, data: unknown): SchemaProblem {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  const value = valueAt(data, at);
  switch (error.keyword) {
    case 'required':
      return { pointer: `${at}/${escapeSegment(String(params.missingProperty))}`, message: 'is required' };
    case 'additionalProperties':
      return {
        pointer: `${at}/${escapeSegment(String(params.additionalProperty))}`,
        message: 'is not a field of this record (misspelt, or not part of the schema)',
      };
    case 'false schema':
      return { pointer: at, message: 'must not be set here' };
    case 'enum':
      return { pointer: at, message: `must be one of ${(params.allowedValues as unknown[]).map(plain).join(', ')}` };
    case 'type':
      return { pointer: at, message: `must be ${String(params.type).split(',').join(' or ')}, got ${JSON.stringify(value)}` };
    case 'pattern':
      if (error.propertyName !== undefined) {
        return { pointer: `${at}/${escapeSegment(error.propertyName)}`, message: `is not a valid key: must match ${String(params.pattern)}` };
      }
      return { pointer: at, message: `${JSON.stringify(value)} does not match ${String(params.pattern)}` };
    case 'format':
      return { pointer: at, message: `${JSON.stringify(value)} is not a valid ${String(params.format)}` };
    default:
      return { pointer: at, message: error.message ?? `fails "${error.keyword}"` };
  }
}

function plain(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
