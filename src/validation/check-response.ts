import type { OperationValidators, ResponseValidator } from './spec-validators.js';
import { describe, type Violation } from './explain-violation.js';

export { describe, type Violation } from './explain-violation.js';

export type ResponseMode = 'strict' | 'warn' | 'off';

/** Drops, in place, the fields the served version does not declare from a success body. */
export function projectResponse(validators: OperationValidators, status: number, body: unknown): void {
  responseFor(validators.responses, status)?.project?.(body);
}

/** Checks a body against the schema declared for its status; the first violation, or null. */
export function checkResponse(validators: OperationValidators, status: number, body: unknown): Violation | null {
  const declared = responseFor(validators.responses, status);
  if (!declared) return { pointer: '', rule: `status ${status} is not declared for this operation` };
  if (!declared.validate || declared.validate(body)) return null;
  return describe(declared.validate.errors?.[0]);
}

/** What an operation declares for a status: the exact code, then its class (2XX), then default. */
export function responseFor(responses: Map<string, ResponseValidator>, status: number): ResponseValidator | undefined {
  return responses.get(String(status)) ?? responses.get(`${String(status)[0]}XX`) ?? responses.get('default');
}
