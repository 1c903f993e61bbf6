import type { CompiledSpec, Operation } from '../openapi/compile-operations.js';
import { declaredResponse } from '../openapi/declared-response.js';

/** One operation that may answer statuses its spec does not declare, and why each can happen. */
export interface UndeclaredStatuses {
  readonly operation: Operation;
  readonly statuses: ReadonlyArray<{ readonly status: number; readonly why: string }>;
}

/**
 * The statuses the mock may answer for an operation that it does not declare: strict mode turns
 * such a response into a 500, right but baffling with a custom spec that declares no 401, so the
 * server warns at start. `handlerStatuses` are what each stateful handler answers itself.
 */
export function undeclaredStatuses(spec: CompiledSpec, handlerStatuses: Readonly<Record<string, readonly number[]>>, stateful: ReadonlySet<string>): UndeclaredStatuses[] {
  const found: UndeclaredStatuses[] = [];
  // An operation a newer version inherits is the same object: warn about it once.
  for (const operation of new Set(spec.versions.flatMap((version) => spec.operations.get(version) ?? []))) {
    const own = stateful.has(operation.operationId) ? (handlerStatuses[operation.operationId] ?? []) : [];
    const statuses = possibleStatuses(operation, own).filter(({ status }) => declaredResponse(operation, status) === undefined);
    if (statuses.length > 0) found.push({ operation, statuses });
  }
  return found;
}

function possibleStatuses(operation: Operation, own: readonly number[]): Array<{ status: number; why: string }> {
  const reasons = new Map<number, string[]>();
  const add = (status: number, why: string) => reasons.set(status, [...(reasons.get(status) ?? []), why]);
  const inputs = operation.parameters.some((p) => p.in !== 'header' || p.required) || operation.body !== null;
  add(400, inputs ? 'an invalid parameter or body, or an unknown query parameter' : 'an unknown query parameter');
  if (operation.scopes !== null) add(401, 'a missing or unknown token');
  if (operation.scopes !== null && operation.scopes.length > 0) add(403, `a token without ${operation.scopes.join(', ')}`);
  for (const status of own) add(status, 'the stateful handler');
  add(500, 'an unexpected error in the mock');
  return [...reasons].sort(([a], [b]) => a - b).map(([status, why]) => ({ status, why: why.join('; ') }));
}

/** One line for the log: where, which statuses and why, and what to do about it. */
export function undeclaredStatusWarning({ operation, statuses }: UndeclaredStatuses): string {
  const list = statuses.map(({ status }) => status).join(', ');
  const why = statuses.map(({ status, why }) => `${status}: ${why}`).join('; ');
  return (
    `${operation.file}: ${operation.method} ${operation.path} (${operation.operationId}, version ${operation.version}) ` +
    `does not declare ${list}, which the mock may answer (${why}). Such a response breaks the spec: strict mode ` +
    'answers a 500 mock_contract_violation instead. Declare the statuses (or a 4XX / default response), ' +
    'or start with --validate-responses warn.'
  );
}
