import type { ErrorObject } from 'ajv';
import type { OperationValidators, ResponseValidator } from './spec-validators.js';

export type ResponseMode = 'strict' | 'warn' | 'off';

/** What was wrong with a response: where (JSON pointer) and which rule. */
export interface Violation {
  pointer: string;
  rule: string;
}

/**
 * Projects a success body into the served version's shape, in place: fields the version does not
 * declare are dropped, so a handler can return the canonical (fullest) view for every version.
 */
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

export function describe(error: ErrorObject | undefined): Violation {
  if (!error) return { pointer: '', rule: 'invalid' };
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === 'required'
      ? `required property "${String(params.missingProperty)}" is missing`
      : error.keyword === 'additionalProperties'
        ? `property "${String(params.additionalProperty)}" is not allowed`
        : (error.message ?? 'invalid');
  return { pointer: error.instancePath, rule: `${error.keyword}: ${detail} (schema ${error.schemaPath})` };
}
