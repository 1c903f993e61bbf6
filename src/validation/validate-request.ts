import { errors } from '../errors/catalogue.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { OperationValidators } from './spec-validators.js';
import { readScalar } from './parse-query.js';
import { toRequestError } from './to-request-error.js';

export interface RequestInput {
  path: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  /** undefined when the request had no body. */
  body: unknown;
}

/**
 * Checks a request against its operation, location by location (path, query, headers, body),
 * and returns the values with declared defaults filled in. Throws the ApiError for the first
 * problem. Nothing is compiled here.
 */
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
