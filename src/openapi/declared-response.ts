import type { Operation, ResponseSpec } from './compile-operations.js';

/** The response an operation declares for a status: exact, then `4XX`-style, then `default`. */
export function declaredResponse(operation: Operation, status: number): ResponseSpec | undefined {
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return (
    operation.responses.find((r) => r.status === exact) ??
    operation.responses.find((r) => r.status.toUpperCase() === range) ??
    operation.responses.find((r) => r.status === 'default')
  );
}

/** The status a request gets when nothing forces one: the lowest declared 2xx. */
export function successStatus(operation: Operation): number | undefined {
  const codes = operation.responses.map((r) => Number(r.status)).filter((code) => code >= 200 && code < 300);
  return codes.length === 0 ? undefined : Math.min(...codes);
}
