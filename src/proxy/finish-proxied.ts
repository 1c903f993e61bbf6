import type { UpstreamAnswer, UpstreamReply } from '../answers/answer-source.js';
import type { ApiResponse, Outcome, Pipeline } from '../http/pipeline.js';
import type { ValidationResult } from '../journal/journal-entry.js';
import type { Operation } from '../openapi/compile-operations.js';
import { declaredResponse } from '../simulation/declared-response.js';
import { checkResponse, describe, type Violation } from '../validation/check-response.js';

/**
 * The response step for an answer that came from the upstream: validated against the served
 * version's schema for the operation and status, and sent exactly as it came (status, headers,
 * body bytes: no projection, no masking, whatever the response mode), plus
 * `X-Mock-Contract-Violation: <pointer> <rule>` when it breaks the contract. An upstream that did
 * not answer gets the mock's 502/504 envelope, checked as the envelope (a mock-level error, not
 * the operation's).
 */
export function finishProxied<S>(pipeline: Pipeline<S>, outcome: Outcome, upstream: UpstreamAnswer): { response: ApiResponse; validation: ValidationResult | null } {
  const { operation, version } = outcome;
  const checked = pipeline.responseMode !== 'off';
  const headers: Record<string, string> = { ...outcome.headers };
  let violation: Violation | null = null;
  if (upstream.kind === 'failure') {
    if (checked && pipeline.envelope && !pipeline.envelope(outcome.body)) violation = describe(pipeline.envelope.errors?.[0]);
    const payload = JSON.stringify(outcome.body);
    const response = { status: outcome.status, body: outcome.body, headers, version, operationId: operation?.operationId ?? null, violation, dropped: false, payload };
    return { response, validation: validationOf(checked, violation) };
  }
  if (checked && operation) violation = checkUpstream(pipeline, operation, upstream);
  if (violation) {
    headers['x-mock-contract-violation'] = `${violation.pointer || '/'} ${violation.rule}`.slice(0, 500);
    pipeline.onViolation(violation, { method: operation?.method ?? '', path: upstream.url, search: '', headers: {}, rawBody: undefined }, upstream.status);
  }
  const response: ApiResponse = {
    status: upstream.status,
    body: upstream.json,
    headers,
    version,
    operationId: operation?.operationId ?? null,
    violation,
    dropped: false,
    payload: '',
    raw: { headers: upstream.headers, bytes: upstream.bytes },
  };
  return { response, validation: validationOf(checked && operation !== null, violation) };
}

/** The upstream's answer against the operation: a declared status, a JSON body where the status has a schema, the schema. */
export function checkUpstream<S>(pipeline: Pipeline<S>, operation: Operation, reply: UpstreamReply): Violation | null {
  const declared = declaredResponse(operation, reply.status);
  if (declared === undefined) return { pointer: '', rule: `status ${reply.status} is not declared for this operation` };
  if (!reply.parsed) {
    if (declared.schema === undefined || reply.bytes.length === 0 && declared.schema === undefined) return null;
    return { pointer: '', rule: `the body is not JSON (content-type ${String(reply.headers['content-type'] ?? 'none')})` };
  }
  return checkResponse(pipeline.validators.for(operation), reply.status, reply.json);
}

function validationOf(checked: boolean, violation: Violation | null): ValidationResult | null {
  if (!checked) return null;
  return violation ? { valid: false, pointer: violation.pointer, rule: violation.rule } : { valid: true };
}
