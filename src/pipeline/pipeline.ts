import type { ValidateFunction } from 'ajv';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import type { RouteTable } from '../openapi/route-table.js';
import type { VersionSelector } from '../openapi/version-selector.js';
import type { SessionStore } from '../state/session-store.js';
import type { ResponseMode, Violation } from '../validation/check-response.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import type { AnswerMemo } from './answer-memo.js';
import type { SpecSource } from './answer-source.js';
import type { ApiRequest } from './api-request.js';
import type { CoverageCounter } from './count-coverage.js';
import type { Mode } from './mode.js';

export type { ApiRequest, ApiResponse, Exchange, Outcome, RequestNotes } from './api-request.js';

/** Everything built at start that the request path reads (for one served world). Nothing in it is compiled per request. */
export interface Pipeline {
  readonly spec: CompiledSpec;
  /** Api-Version-Date -> version: built at start, one Map lookup per request. */
  readonly selectVersion: VersionSelector;
  readonly validators: SpecValidators;
  readonly routes: ReadonlyMap<string, RouteTable>;
  readonly store: SessionStore;
  /** How requests are admitted and who answers them (the mock's, or proxy mode's). */
  readonly mode: Mode;
  /** Answers from the spec's own examples or generated data (Prefer example= / dynamic=true). */
  readonly specSource: SpecSource;
  /** Validates error bodies that no operation owns (unknown route, bad version, the mock's own errors). */
  readonly envelope: ValidateFunction | null;
  readonly responseMode: ResponseMode;
  /** Longest delay a Prefer header or fault rule may ask for. */
  readonly maxDelayMs: number;
  /** Deepest nesting of objects and arrays a JSON body may have. */
  readonly maxJsonDepth: number;
  /** Aborted when the mock starts to shut down: requests waiting out a delay are answered at once. */
  readonly stopping: AbortSignal;
  /** GET answers remembered per session world (answer-memo): the only cache of the request path. */
  readonly memo: AnswerMemo;
  /** Counts what each request exercised of the contract (coverage): once per request, after its answer. */
  readonly coverage: CoverageCounter;
  readonly onViolation: (violation: Violation, request: ApiRequest, status: number) => void;
  readonly onCrash: (error: unknown, request: ApiRequest) => void;
}
