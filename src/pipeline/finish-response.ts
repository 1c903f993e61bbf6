import type { ValidateFunction } from 'ajv';
import type { Principal } from '../domain/principal.js';
import { renderError } from '../kernel/api-error.js';
import { headerValue } from '../kernel/header-value.js';
import { errors } from '../kernel/catalogue.js';
import type { Operation } from '../openapi/compile-operations.js';
import { declaredResponse } from '../openapi/declared-response.js';
import type { ValidationResult } from '../state/journal/journal-entry.js';
import { checkResponse, describe, projectResponse, type Violation } from '../validation/check-response.js';
import type { ApiRequest, ApiResponse, Outcome, Pipeline } from './pipeline.js';

/**
 * The answer as sent: projected, masked by scope, validated (strict: a violation becomes a 500;
 * warn: a header), its JSON made once. An upstream's answer is only validated; a mock-level error
 * is checked against the generic envelope, not the operation's.
 */
export function finishResponse(pipeline: Pipeline, request: ApiRequest, outcome: Outcome): { response: ApiResponse; validation: ValidationResult | null } {
  const { version, principal } = outcome;
  const operation = outcome.mockLevel === true ? null : outcome.operation;
  const operationId = outcome.operation?.operationId ?? null;
  if (outcome.dropped) return { response: { version, operationId, status: 0, body: undefined, headers: {}, violation: null, dropped: true, payload: '' }, validation: null };
  let { status, body } = outcome;
  const headers = outcome.headers;
  if (version) headers['api-version-date'] = version;
  const checked = pipeline.responseMode !== 'off';
  const validators = operation ? pipeline.validators.for(operation) : null;
  if (outcome.raw) {
    const violation = checked && operation ? checkPassed(pipeline, operation, status, outcome.raw, body) : null;
    if (violation) note(pipeline, request, violation, status, headers);
    const response = { version, operationId, dropped: false, status, body, headers, violation, payload: '', raw: outcome.raw };
    // A body passed on unread (not JSON, too deep) has nothing more to say than its one violation.
    const readable = operation !== null && ((outcome.raw.parsed && outcome.raw.tooDeep !== true) || declaredResponse(operation, status) === undefined);
    return { response, validation: checked && operation ? resultOf(pipeline, violation, readable ? operation : null, status, body, version) : null };
  }
  if (validators && status < 300) {
    projectResponse(validators, status, body);
    if (operation) maskFields(body, operation.fieldScopes, principal);
  }
  let violation: Violation | null = null;
  let validation: ValidationResult | null = null;
  let withheld: ApiResponse['withheld'];
  if (checked) {
    violation = validators ? checkResponse(validators, status, body) : checkEnvelope(pipeline.envelope, body);
    // Only a body that failed is read again, for every error (the happy path paid for the first only).
    validation = resultOf(pipeline, violation, operation, status, body, version);
    if (violation && pipeline.responseMode === 'strict') {
      pipeline.onViolation(violation, request, status);
      // Kept for the journal: the evidence of what the client was spared.
      withheld = { status, payload: body === undefined ? '' : JSON.stringify(body) };
      status = 500;
      body = renderError(errors.contractViolation(violation.pointer, violation.rule));
    } else if (violation) note(pipeline, request, violation, status, headers);
  }
  const payload = body === undefined ? '' : JSON.stringify(body);
  const response: ApiResponse = { version, operationId, dropped: false, status, body, headers, violation, payload };
  if (withheld !== undefined) response.withheld = withheld;
  return { response, validation };
}

/** A violation the client still gets the answer for: logged, and named in a header. */
function note(pipeline: Pipeline, request: ApiRequest, violation: Violation, status: number, headers: Record<string, string>): void {
  pipeline.onViolation(violation, request, status);
  // Printable ASCII whatever the data (a property name outside Latin-1 or with a CR would make Node refuse the head).
  headers['x-mock-contract-violation'] = headerValue(`${violation.pointer || '/'} ${violation.rule}`, 500);
}

/** An answer that came as it is sent, against the operation: a declared status, a JSON body where the status has a schema, the schema. */
function checkPassed(pipeline: Pipeline, operation: Operation, status: number, raw: NonNullable<Outcome['raw']>, json: unknown): Violation | null {
  const declared = declaredResponse(operation, status);
  if (declared === undefined) return { pointer: '', rule: `status ${status} is not declared for this operation` };
  if (raw.tooDeep === true) return { pointer: '', rule: `the body nests objects and arrays more than ${pipeline.maxJsonDepth} levels deep (--max-json-depth): passed on unread, not validated` };
  if (!raw.parsed) return declared.schema === undefined ? null : { pointer: '', rule: `the body is not JSON (content-type ${String(raw.headers['content-type'] ?? 'none')})` };
  return checkResponse(pipeline.validators.for(operation), status, json);
}

function checkEnvelope(envelope: ValidateFunction | null, body: unknown): Violation | null {
  if (!envelope || envelope(body)) return null;
  return describe(envelope.errors?.[0]);
}

const VALID: ValidationResult = Object.freeze({ valid: true });

/** Every error of the body, placed in the served document; else (envelope, whole answer) the one. */
function resultOf(pipeline: Pipeline, violation: Violation | null, operation: Operation | null, status: number, body: unknown, version: string | null): ValidationResult {
  if (violation === null) return VALID;
  const explained = operation === null ? undefined : pipeline.validators.explainer.explain(operation, status, body, version ?? operation.version);
  const { errors, count } = explained === undefined || explained.count === 0 ? { errors: [{ ...violation, schema_pointer: null }], count: 1 } : explained;
  return { valid: false, pointer: violation.pointer, rule: violation.rule, errors, error_count: count };
}

/** `x-field-scopes`: a field (pointer into each object or list item) without its scope is served as null. */
function maskFields(body: unknown, fieldScopes: Record<string, string>, principal: Principal): void {
  const hidden = Object.entries(fieldScopes).filter(([, scope]) => !principal.scopes.has(scope));
  if (hidden.length === 0 || typeof body !== 'object' || body === null) return;
  const data = (body as { data?: unknown }).data;
  const items = Array.isArray(data) ? data : [body];
  for (const item of items) for (const [pointer] of hidden) nullAt(item, pointer);
}

function nullAt(target: unknown, pointer: string): void {
  const parts = pointer.split('/').slice(1);
  const last = parts.pop();
  let node = target;
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string, unknown>)[part];
  }
  if (last !== undefined && typeof node === 'object' && node !== null && last in node) {
    (node as Record<string, unknown>)[last] = null;
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Every header an answer goes out with, made once for edge and journal: the core's (CORS), the
 * answer's (over an upstream's own), type and length. None for a dropped connection.
 */
export function sentHeaders(response: ApiResponse, coreHeaders: Readonly<Record<string, string>> | undefined): Record<string, string | readonly string[]> {
  if (response.dropped) return {};
  if (response.raw) return { ...coreHeaders, ...response.raw.headers, ...response.headers, 'content-length': String(response.raw.bytes.length) };
  return { ...coreHeaders, ...response.headers, 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(response.payload)) };
}
