import { errors } from '../errors/catalogue.js';
import type { Operation } from '../openapi/compile-operations.js';
import { declaredResponse, successStatus } from './declared-response.js';
import type { Preferences } from './parse-prefer.js';

/**
 * Holds a request's preferences against its operation in the served version: a forced status
 * must be one the operation declares (a status the spec does not know would only come back as a
 * contract violation), and a named example must exist for the status that will be served.
 */
export function checkPreferences(operation: Operation, preferences: Preferences): Preferences {
  const { code, example } = preferences;
  if (code !== undefined && declaredResponse(operation, code) === undefined) {
    throw errors.preferCodeUndeclared(code, operation.operationId, operation.responses.map((r) => r.status));
  }
  if (example !== undefined) {
    const status = code ?? successStatus(operation);
    const response = status === undefined ? undefined : declaredResponse(operation, status);
    const names = Object.keys(response?.examples ?? {});
    if (!names.includes(example)) throw errors.preferExampleUnknown(example, response?.status ?? 'success', names);
  }
  return preferences;
}
