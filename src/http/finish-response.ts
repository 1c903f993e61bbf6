import type { ValidateFunction } from 'ajv';
import { renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import type { ValidationResult } from '../journal/journal-entry.js';
import { checkResponse, describe, projectResponse, type Violation } from '../validation/check-response.js';
import { maskFields } from './mask-fields.js';
import type { ApiRequest, ApiResponse, Outcome, Pipeline } from './pipeline.js';

/** Projects, masks and validates the response; in strict mode a violation becomes a 500. */
export function finishResponse<S>(pipeline: Pipeline<S>, request: ApiRequest, outcome: Outcome): { response: ApiResponse; validation: ValidationResult | null } {
  const { operation, version, principal } = outcome;
  let { status, body } = outcome;
  const headers = { ...outcome.headers };
  if (version) headers['api-version-date'] = version;
  const validators = operation ? pipeline.validators.for(operation) : null;
  if (validators && status < 300) {
    projectResponse(validators, status, body);
    if (operation) maskFields(body, operation.fieldScopes, principal);
  }
  let violation: Violation | null = null;
  if (pipeline.responseMode !== 'off') {
    violation = validators ? checkResponse(validators, status, body) : checkEnvelope(pipeline.envelope, body);
    if (violation) {
      pipeline.onViolation(violation, request, status);
      if (pipeline.responseMode === 'strict') {
        status = 500;
        body = renderError(errors.contractViolation(violation.pointer, violation.rule));
      } else {
        headers['x-mock-contract-violation'] = `${violation.pointer || '/'} ${violation.rule}`.slice(0, 500);
      }
    }
  }
  const validation: ValidationResult | null =
    pipeline.responseMode === 'off' ? null : violation ? { valid: false, pointer: violation.pointer, rule: violation.rule } : { valid: true };
  const payload = body === undefined ? '' : JSON.stringify(body);
  const response = { status, body, headers, version, operationId: operation?.operationId ?? null, violation, dropped: false, payload };
  return { response, validation };
}

function checkEnvelope(envelope: ValidateFunction | null, body: unknown): Violation | null {
  if (!envelope || envelope(body)) return null;
  return describe(envelope.errors?.[0]);
}
