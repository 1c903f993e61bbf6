import type { CompiledSpec } from './compile-operations.js';

/** src/control/bundled-operations.ts: each operationId and its statuses as literal types (for `addFault`). */
export function operationNamesSource(spec: CompiledSpec): string {
  const statuses = new Map<string, Set<number>>();
  for (const op of [...spec.operations.values()].flat()) {
    const known = statuses.get(op.operationId) ?? new Set<number>();
    // A range (4XX) or default allows any status of the operation: the type says so.
    for (const response of op.responses) known.add(/^\d{3}$/.test(response.status) ? Number(response.status) : 0);
    statuses.set(op.operationId, known);
  }
  const lines = [...statuses.keys()].sort().map((id) => {
    const codes = [...(statuses.get(id) ?? [])].sort((a, b) => a - b);
    return `  ${id}: [${codes.join(', ')}],`;
  });
  return [
    '// Generated from specs/ by scripts/operation-names.mjs (npm run gen:operations): do not edit.',
    '// test/unit/bundled-operations.test.ts fails when it no longer matches the specs.',
    '',
    '/** Each operationId of the bundled specs -> the statuses it declares in any version (0: a range or default, so any). */',
    'export const bundledOperations = {',
    ...lines,
    '} as const;',
    '',
    'export type BundledOperationId = keyof typeof bundledOperations;',
    '',
    '/** The statuses an operation declares: what a fault rule naming it may answer (`number` where the spec allows a range). */',
    'export type DeclaredStatus<Id extends BundledOperationId> = (typeof bundledOperations)[Id][number] extends infer S ? (0 extends S ? number : S) : never;',
    '',
  ].join('\n');
}
