import type { ValidateFunction } from 'ajv';
import type { TokenGrant } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { AnswerSources } from '../answers/answer-source.js';
import type { HandlerMap } from '../handlers/handler.js';
import type { CompiledSpec, Operation } from '../openapi/compile-operations.js';
import type { RouteTable } from '../openapi/route-table.js';
import type { ProxyFacts, ProxyMode } from '../proxy/exchange.js';
import type { MaybePromise } from '../sessions/maybe-promise.js';
import type { SessionExtras } from '../sessions/session-extras.js';
import type { ResponseMode, Violation } from '../validation/check-response.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import type { VersionSelector } from '../versions/version-selector.js';

// The types the pipeline's steps share (handle-api-request, finish-response, the adapter), in a
// module of their own so that no step imports another only for its types.

export interface ApiRequest {
  method: string;
  /** Path without the /api/v1 prefix and without the query string. */
  path: string;
  search: string;
  headers: Record<string, string | undefined>;
  rawBody: Buffer | undefined;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  version: string | null;
  operationId: string | null;
  violation: Violation | null;
  /** A fault said to close the connection without answering: the adapter destroys the socket. */
  dropped: boolean;
  /** `body` as the JSON text to send, made once: the adapter writes it and the journal keeps it. */
  payload: string;
  /** Proxy mode: the upstream's headers and body bytes, sent as they came instead of `payload`. */
  raw?: { readonly headers: Readonly<Record<string, string | string[]>>; readonly bytes: Buffer };
}

/** The session a request acts on: handlers get its state; the control plane its journal and faults. */
export interface PipelineSession<S> {
  readonly name: string;
  readonly state: S;
  readonly extras: SessionExtras;
  /** A store kept elsewhere: runs the answer step and commits what it wrote (src/sessions/session-store.ts). */
  readonly transact?: <T>(run: () => Promise<T>) => Promise<T>;
}

/** Everything built at start that the request path reads. Nothing in it is compiled per request. */
export interface Pipeline<S> {
  spec: CompiledSpec;
  /** Api-Version-Date -> version: built at start, one Map lookup per request. */
  selectVersion: VersionSelector;
  validators: SpecValidators;
  routes: ReadonlyMap<string, RouteTable>;
  handlers: HandlerMap<S>;
  /** Where answers come from: the handler, Prism, the spec's examples and generated data, or the upstream. */
  sources: AnswerSources<S>;
  /** Proxy mode (the upstream answers, refusals are forwarded, drift is observed); null for the mock. */
  proxy: ProxyMode | null;
  /** Validates error bodies that no operation owns (unknown route, bad version). */
  envelope: ValidateFunction | null;
  responseMode: ResponseMode;
  /** Longest delay a Prefer header or fault rule may ask for. */
  maxDelayMs: number;
  /** Deepest nesting of objects and arrays a JSON body may have. */
  maxJsonDepth: number;
  /** Aborted when the server starts to shut down: requests waiting out a delay are answered at once. */
  stopping: AbortSignal;
  /** The named session (created on first use); names are checked before this is called. Later only with a store kept elsewhere. */
  sessionFor: (name: string) => MaybePromise<PipelineSession<S>>;
  tokenLookup: (state: S) => (token: string) => TokenGrant | undefined;
  onViolation: (violation: Violation, request: ApiRequest, status: number) => void;
  onCrash: (error: unknown, request: ApiRequest) => void;
}

/** What the pipeline decided, before projection and response validation. */
export interface Outcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  version: string | null;
  operation: Operation | null;
  /** The query as the routed operation parsed it; null when no operation was routed to. */
  query: Record<string, unknown> | null;
  principal: Principal;
  faultId: string | null;
  dropped: boolean;
  /** The request body's text when it parsed as JSON (the journal keeps it as is). */
  bodyText: string | undefined;
  /** Proxy mode: what it learnt about the request and how the upstream answered. */
  proxy?: ProxyFacts;
  /** An error about the mock itself (ApiError.mockLevel): checked against the generic envelope, not the operation. */
  mockLevel?: boolean;
}
