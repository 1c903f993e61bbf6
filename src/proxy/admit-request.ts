import { ApiError } from '../errors/api-error.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { OperationValidators } from '../validation/spec-validators.js';
import { validateRequest, type RequestInput } from '../validation/validate-request.js';
import type { ProxyFacts } from './exchange.js';

/**
 * Proxy mode's request check: the same validation as the mock's. A refusal is noted and the
 * request goes on unchanged (the point is to learn what the upstream does with it), unless
 * `reject` (--reject-invalid): then it is the mock's own 400.
 */
export function admitRequest(operation: Operation, validators: OperationValidators, raw: RequestInput, facts: ProxyFacts, reject: boolean): RequestInput {
  try {
    return validateRequest(operation, validators, raw);
  } catch (error) {
    if (reject || !(error instanceof ApiError)) throw error;
    facts.refusal = error;
    return raw;
  }
}

/**
 * Tokens are the upstream's business: proxy mode never looks one up. It only notes a request
 * that carries no bearer token where the operation declares a security scheme (the bundled specs
 * declare bearerAuth on every operation).
 */
export function noteSecurity(operation: Operation, authorization: string | undefined, facts: ProxyFacts): void {
  facts.securityMissing = operation.scopes !== null && !/^\s*bearer\s+\S/i.test(authorization ?? '');
}

/** Refusals that proxy mode forwards: the spec's, not the mock's own limits. */
export function isForwardable(error: ApiError): boolean {
  return error.status === 400 || error.status === 404 || error.status === 405 ? error.code !== 'json_too_deep' && error.code !== 'mock_session_invalid' && error.code !== 'mock_prefer_invalid' : false;
}
