import type { CompiledSpec, Operation } from '../openapi/compile-operations.js';
import { declaredResponse } from '../simulation/declared-response.js';

/** One operation that may answer statuses its spec does not declare, and why each can happen. */
export interface UndeclaredStatuses {
  readonly operation: Operation;
  readonly statuses: ReadonlyArray<{ readonly status: number; readonly why: string }>;
}

/**
 * Which statuses the mock may answer for each operation that the operation does not declare
 * (exactly, as `4XX`, or as `default`). Such a response breaks the spec, so strict mode turns it
 * into a 500 mock_contract_violation: right, but baffling with a custom spec that declares no
 * 401. Found once at start so the server can say so before the first request; nothing here is
 * an error. `handlerStatuses` are the statuses each stateful handler answers itself.
 */
export function undeclaredStatuses(spec: CompiledSpec, handlerStatuses: Readonly<Record<string, readonly number[]>>, stateful: ReadonlySet<string>): UndeclaredStatuses[] {
  const seen = new Set<Operation>();
  const found: UndeclaredStatuses[] = [];
  for (const version of spec.versions) {
    for (const operation of spec.operations.get(version) ?? []) {
      // An operation a newer version inherits is the same object: warn about it once.
      if (seen.has(operation)) continue;
      seen.add(operation);
      const own = stateful.has(operation.operationId) ? (handlerStatuses[operation.operationId] ?? []) : [];
      const statuses = possibleStatuses(operation, own).filter(({ status }) => declaredResponse(operation, status) === undefined);
      if (statuses.length > 0) found.push({ operation, statuses });
    }
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
