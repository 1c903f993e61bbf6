import type { ErrorObject } from 'ajv';
import type { ApiError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';

/**
 * Turns the first Ajv error of a request location into the Whop envelope: a missing field is
 * `parameter_missing`, anything else `parameter_invalid`, and `param` names the field as a
 * caller writes it (`username`, `profile_picture.id`, `first`).
 */
export function toRequestError(error: ErrorObject | undefined, prefix = ''): ApiError {
  if (!error) return errors.parameterInvalid(prefix || 'request', 'is not valid');
  const at = pointerToParam(error.instancePath);
  const join = (name: string) => [prefix, at, name].filter(Boolean).join('.');
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return errors.parameterMissing(join(String(params.missingProperty)));
    case 'additionalProperties':
      return errors.unknownParameter(join(String(params.additionalProperty)));
    default:
      return errors.parameterInvalid(join('') || prefix || 'body', describe(error));
  }
}

export function pointerToParam(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${article(String(params.type).replace(',', ' or '))}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters`;
    case 'minLength':
      return `must be at least ${String(params.limit)} characters`;
    case 'pattern':
      return `must match the pattern ${String(params.pattern)}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return `must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'minProperties':
      return `must have at least ${String(params.limit)} field(s)`;
    default:
      return error.message ?? 'is not valid';
  }
}

function article(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
