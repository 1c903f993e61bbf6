import type { Principal } from '../auth/principal.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { RequestInput } from '../validation/validate-request.js';

/** What a request asked of the spec: a status, a named example, generated data (Prism's Prefer names). */
export interface SpecChoice {
  readonly code?: number;
  readonly exampleKey?: string;
  readonly dynamic?: boolean;
}

/** The request as a source may read it (the pipeline's ApiRequest has this shape). */
export interface SourceRequest {
  readonly method: string;
  /** Without the /api/v1 prefix and the query string. */
  readonly path: string;
  /** The query string as sent, without the `?`. */
  readonly search: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer | undefined;
}

/** Everything a source gets: the request, its operation and version, the validated input, the caller. */
export interface SourceCall<S> {
  readonly request: SourceRequest;
  readonly operation: Operation;
  readonly input: RequestInput;
  readonly principal: Principal;
  readonly state: S;
}

/**
 * What a source answers. `status` and `body` go through the pipeline's projection, masking and
 * response validation like any answer, unless `upstream` says it is the upstream's (proxy mode):
 * that answer reaches the client exactly as it came, and is only validated.
 */
export interface SourceResult {
  readonly status: number;
  readonly body: unknown;
  readonly upstream?: UpstreamAnswer;
}

/** How the upstream answered one forwarded request (proxy mode). */
export type UpstreamAnswer = UpstreamReply | UpstreamFailure;

/** An answer to send byte for byte: the upstream's status, headers and body. */
export interface UpstreamReply {
  readonly kind: 'reply';
  readonly status: number;
  /** As received, less hop-by-hop and CORS headers (the mock's own CORS policy applies). */
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly bytes: Buffer;
  /** The body as JSON when it parsed (for validation, the journal and recording). */
  readonly json: unknown;
  /** Whether `json` holds the body (false: not JSON, empty, or an encoding the proxy cannot read). */
  readonly parsed: boolean;
  /** Where it was sent, without the query string. */
  readonly url: string;
  readonly durationMs: number;
}

/** The upstream did not answer: a mock-level 502/504, never a contract violation of the operation. */
export interface UpstreamFailure {
  readonly kind: 'failure';
  readonly reason: 'unreachable' | 'timeout' | 'connection_lost' | 'too_large';
  readonly url: string;
  readonly durationMs: number;
}

/** A source of answers, plugged in at the pipeline's answer step. */
export type AnswerSource<S> = (call: SourceCall<S>) => Promise<SourceResult>;

/** The sources of one server, chosen at start by its mode and the operations it has handlers for. */
export interface AnswerSources<S> {
  /** No Prefer or fault forces another answer: the stateful handler, Prism, or the upstream. */
  readonly normal: AnswerSource<S>;
  /** A spec example, or data generated from the response schema (Prefer example= / dynamic=, a forced 2xx). */
  readonly spec: (call: SourceCall<S>, choice: SpecChoice) => Promise<SourceResult>;
  /** Loads what the sources need ahead of the first request (called once the server is quiet). */
  readonly warm: () => void;
}
