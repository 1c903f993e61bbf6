import type { ValidateFunction } from 'ajv';
import { itemSourcesOf } from '../answers/item-sources.js';
import { renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import type { ValidationResult } from '../journal/journal-entry.js';
import { checkResponse, describe, projectResponse, responseFor, type Violation } from '../validation/check-response.js';
import { recordSourceOf } from '../handlers/record-body.js';
import { fragmentVariant, isListBody, listFromFragments, rememberItems } from './list-fragments.js';
import { maskFields } from './mask-fields.js';
import type { ApiRequest, ApiResponse, Outcome, Pipeline } from './pipeline.js';

/**
 * Projects, masks and validates the response; in strict mode a violation becomes a 500.
 *
 * A list whose handler named each item's records (item-sources) is served from the items' JSON
 * remembered the last time the same records were served in this version, to a caller who may see
 * the same fields, and found valid (list-fragments, FragmentCache); only the page around them is
 * projected and checked. Any item not remembered, or a page that is not valid, takes the full
 * path below, which reports exactly what it always did. `response.body` is then the handler's
 * body as it came (it is read only for errors).
 *
 * A single-record body whose handler named its records (recordBody) is served the same way from
 * the JSON remembered for the same records, version and variant, with nothing projected or
 * checked: that JSON is the whole body, found valid when it was remembered. Otherwise it takes the
 * full path and, when valid (or nothing is checked), is remembered.
 */
export function finishResponse<S>(pipeline: Pipeline<S>, request: ApiRequest, outcome: Outcome): { response: ApiResponse; validation: ValidationResult | null } {
  const { operation, version, principal } = outcome;
  let { status, body } = outcome;
  const headers = { ...outcome.headers };
  if (version) headers['api-version-date'] = version;
  const validators = operation ? pipeline.validators.for(operation) : null;
  const checked = pipeline.responseMode !== 'off';
  const sources = itemSourcesOf(body);
  const record = sources === undefined ? recordSourceOf(body) : undefined;
  const declared = validators && status < 300 && (sources !== undefined || record !== undefined) ? responseFor(validators.responses, status) : undefined;
  const cache = (record !== undefined ? declared?.records : declared?.fragments) ?? null;
  const variant = cache !== null && operation ? fragmentVariant(checked, operation.fieldScopes, principal) : '';
  if (declared && cache !== null && typeof body === 'object' && body !== null) {
    const payload = sources ? listFromFragments(declared, cache, body, sources, variant, checked) : record ? (cache.get(record, variant) ?? null) : null;
    if (payload !== null) {
      const response = { status, body, headers, version, operationId: operation?.operationId ?? null, violation: null, dropped: false, payload };
      return { response, validation: checked ? { valid: true } : null };
    }
  }
  if (validators && status < 300) {
    projectResponse(validators, status, body);
    if (operation) maskFields(body, operation.fieldScopes, principal);
  }
  let violation: Violation | null = null;
  if (checked) {
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
  const validation: ValidationResult | null = !checked ? null : violation ? { valid: false, pointer: violation.pointer, rule: violation.rule } : { valid: true };
  // Items of a valid list, or a valid single record (any, when nothing is checked), are remembered for next time.
  let payload: string;
  if (cache !== null && sources !== undefined && violation === null && isListBody(body, sources)) payload = rememberItems(cache, body, sources, variant);
  else payload = body === undefined ? '' : JSON.stringify(body);
  if (cache !== null && record !== undefined && violation === null) cache.set(record, variant, payload);
  const response = { status, body, headers, version, operationId: operation?.operationId ?? null, violation, dropped: false, payload };
  return { response, validation };
}

function checkEnvelope(envelope: ValidateFunction | null, body: unknown): Violation | null {
  if (!envelope || envelope(body)) return null;
  return describe(envelope.errors?.[0]);
}
