import type { SourceRequest, SourceResult, UpstreamAnswer } from '../answers/answer-source.js';
import type { ApiError } from '../errors/api-error.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { Violation } from '../validation/check-response.js';

/** What proxy mode learnt about one request on its way through the pipeline. */
export interface ProxyFacts {
  /** Why the spec refuses the request (it was forwarded anyway, unless --reject-invalid); null when it passed. */
  refusal: ApiError | null;
  /** The operation declares a security scheme and the request carries no bearer token. */
  securityMissing: boolean;
  /** How the upstream answered; null when the request was answered locally (fault, Prefer, refusal). */
  upstream: UpstreamAnswer | null;
}

/** One finished exchange, as drift and recording read it. */
export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly search: string;
  readonly authorization: string | undefined;
  readonly version: string | null;
  readonly operation: Operation | null;
  readonly facts: ProxyFacts;
  /** The status the client got. */
  readonly status: number;
  /** The first violation of the answer the client got; null when it matched (or was not checked). */
  readonly violation: Violation | null;
  readonly at: number;
}

/** Proxy mode as the pipeline sees it (null in mock mode). */
export interface ProxyMode {
  /** Answer a request the spec refuses locally (400) instead of forwarding it. */
  readonly rejectInvalid: boolean;
  /** Forwards a request no operation describes (unknown route or version, unreadable body). */
  readonly forward: (request: SourceRequest) => Promise<SourceResult>;
  /** Called once per finished exchange: the drift report and the recording learn from it. */
  readonly observe: (exchange: Exchange) => void;
}
