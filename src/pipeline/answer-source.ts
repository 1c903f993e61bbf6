import type { Principal } from '../domain/principal.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { RequestInput } from '../validation/validate-request.js';
import type { WorldState } from '../world/world-state.js';
import type { ApiRequest, RequestNotes } from './api-request.js';

export type { UpstreamAnswer, UpstreamFailure, UpstreamReply } from './api-request.js';

/** What a request asked of the spec: a status, a named example, generated data (Prism's Prefer names). */
export interface SpecChoice {
  readonly code?: number;
  readonly exampleKey?: string;
  readonly dynamic?: boolean;
}

export interface SourceCall {
  readonly request: ApiRequest;
  readonly operation: Operation;
  readonly input: RequestInput;
  readonly principal: Principal;
  readonly state: WorldState;
  /** What a lenient mode notes on the way (the upstream's answer, in proxy mode). */
  readonly notes: RequestNotes;
}

/** Projected, masked and validated like any answer, unless `raw` (the upstream's, only validated). */
export interface SourceResult {
  readonly status: number;
  readonly body: unknown;
  readonly raw?: { readonly headers: Readonly<Record<string, string | string[]>>; readonly bytes: Buffer; readonly parsed: boolean; readonly tooDeep?: boolean };
}

/** Who answers a request nothing forces another answer for: the handlers (and Prism), or the upstream. */
export interface Answerer {
  /** Whether it answers this operation itself; a forced 2xx then still asks it (the state decides the body), else the spec answers. */
  handles(operation: Operation): boolean;
  answer(call: SourceCall): Promise<SourceResult>;
}

/** Answers from the spec; `otherwise` answers when the status has no example and no valid generated body. */
export type SpecSource = (call: SourceCall, choice: SpecChoice, otherwise?: () => Promise<SourceResult>) => Promise<SourceResult>;
