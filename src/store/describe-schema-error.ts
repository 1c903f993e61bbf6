import type { ErrorObject } from 'ajv';
import { pointerSegment } from './fixture-kinds.js';

/** One schema failure, said the way a person fixing a fixture needs it: which field, what rule. */
export interface SchemaProblem {
  readonly pointer: string;
  readonly message: string;
}

/**
 * Turns Ajv's first error into a field pointer and a sentence. Ajv reports a missing or unknown
 * property on the parent object; we point at the property itself, since that is what to fix.
 */
export function describeSchemaError(error: ErrorObject, data: unknown): SchemaProblem {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  const value = valueAt(data, at);
  switch (error.keyword) {
    case 'required':
      return { pointer: `${at}/${pointerSegment(String(params.missingProperty))}`, message: 'is required' };
    case 'additionalProperties':
      return {
        pointer: `${at}/${pointerSegment(String(params.additionalProperty))}`,
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
        return { pointer: `${at}/${pointerSegment(error.propertyName)}`, message: `is not a valid key: must match ${String(params.pattern)}` };
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

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
