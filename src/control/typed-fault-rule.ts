import type { FaultRule, FaultStep } from '../state/fault-list.js';
import type { BundledOperationId, DeclaredStatus } from './bundled-operations.js';

type Selectors = Omit<FaultRule, 'operationId' | 'status' | 'sequence'>;
type Effects<S extends number> = {
  readonly status?: S;
  readonly sequence?: ReadonlyArray<Omit<FaultStep, 'status'> & { readonly status?: S }>;
};

/**
 * A fault rule for `session.addFault`: a misspelt operationId or undeclared status (bundled-operations)
 * fails to compile. A rule naming no operation may answer any status; other specs cast a `FaultRule`.
 */
export type TypedFaultRule =
  | { [Id in BundledOperationId]: Selectors & Effects<DeclaredStatus<Id>> & { readonly operationId: Id } }[BundledOperationId]
  | (Selectors & Effects<number> & { readonly operationId?: undefined });
