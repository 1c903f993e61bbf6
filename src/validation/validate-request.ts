import type { ErrorObject } from 'ajv';
import type { ApiError } from '../kernel/api-error.js';
import { errors } from '../kernel/catalogue.js';
import { pointerKeys } from '../kernel/json-pointer.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { OperationValidators } from './spec-validators.js';
import { readScalar } from './parse-query.js';

export interface RequestInput {
  path: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  /** undefined when the request had no body. */
  body: unknown;
}

/** Checks a request location by location; returns the values with defaults filled in, or throws the first problem. */
export function validateRequest(operation: Operation, validators: OperationValidators, input: RequestInput): RequestInput {
  const path: Record<string, unknown> = { ...input.path };
  const headers: Record<string, unknown> = {};
  for (const param of operation.parameters) {
    if (param.in === 'path' && typeof path[param.name] === 'string') path[param.name] = readScalar(path[param.name] as string, param.type);
    if (param.in === 'header' && input.headers[param.name] !== undefined) headers[param.name] = readScalar(input.headers[param.name] as string, param.type);
  }
  // The parsed query has no prototype; spreading such an object is V8's slow path, so an empty one
  // (most reads) is not spread. Validation fills in defaults on this copy, never on the parse.
  const query = isEmpty(input.query) ? {} : { ...input.query };
  if (!validators.path(path)) throw toRequestError(validators.path.errors?.[0]);
  if (!validators.query(query)) throw toRequestError(validators.query.errors?.[0]);
  if (!validators.header(headers)) throw toRequestError(validators.header.errors?.[0]);
  const body = input.body;
  if (operation.body && body === undefined && operation.body.required) throw errors.parameterMissing('body');
  // The body was parsed for this request alone, so filling in defaults in place is safe.
  if (body !== undefined && validators.body && !validators.body(body)) throw toRequestError(validators.body.errors?.[0]);
  return { path: input.path, query, headers: input.headers, body };
}

function isEmpty(object: Record<string, unknown>): boolean {
  for (const _key in object) return false;
  return true;
}

/** An Ajv error as the Whop envelope, `param` named as a caller writes it (`profile_picture.id`). */
function toRequestError(error: ErrorObject | undefined, prefix = ''): ApiError {
  if (!error) return errors.parameterInvalid(prefix || 'request', 'is not valid');
  const at = pointerKeys(error.instancePath).join('.');
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
