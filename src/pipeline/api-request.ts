import type { Principal } from '../domain/principal.js';
import type { ApiError } from '../kernel/api-error.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { Violation } from '../validation/check-response.js';

// What one API request is and becomes on its way through the pipeline: the types its steps share.

export interface ApiRequest {
  readonly method: string;
  /** Path without the /api/v1 prefix and without the query string. */
  readonly path: string;
  readonly search: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer | undefined;
  /** The request as its edge received it: its `signal`, made on demand, is aborted when the client goes away (proxy mode aborts the upstream request). */
  readonly client?: { readonly signal?: AbortSignal | undefined } | undefined;
  /** Headers the core adds to whatever the answer is (CORS), so the journal keeps them with the answer's own. */
  readonly coreHeaders?: Readonly<Record<string, string>> | undefined;
}

export interface ApiResponse {
  status: number;
  /** The body as answered (for errors and the access log); `payload` is what is sent. */
  body: unknown;
  headers: Record<string, string>;
  version: string | null;
  operationId: string | null;
  violation: Violation | null;
  /** A fault said to close the connection without answering. */
  dropped: boolean;
  /** `body` as the JSON text to send, made once: the edge writes it and the journal keeps it. */
  payload: string;
  /** An answer to pass on as it came (proxy mode): its headers and bytes are sent instead of `payload`. */
  raw?: { readonly headers: Readonly<Record<string, string | string[]>>; readonly bytes: Buffer };
  /** Strict mode: the answer that broke the spec, replaced by the 500 (kept for the journal). */
  withheld?: { readonly status: number; readonly payload: string };
  /** Every header the answer goes out with (the core's CORS headers, type and length included): what the edge writes and the journal keeps. */
  sent?: Record<string, string | readonly string[]>;
}

/** What a lenient mode learnt about one request on its way through (proxy mode; the mock notes nothing). */
export interface RequestNotes {
  /** Why the spec refuses the request (it went on anyway); null when it passed. */
  refusal: ApiError | null;
  /** The operation declares a security scheme and the request carries no bearer token. */
  securityMissing: boolean;
  /** How the upstream answered; null when the request was answered locally (fault, Prefer, refusal). */
  upstream: UpstreamAnswer | null;
}

/** What the pipeline decided, before projection and response validation. */
export interface Outcome extends Pick<ApiResponse, 'status' | 'body' | 'headers' | 'version' | 'dropped'> {
  operation: Operation | null;
  /** The query as the routed operation parsed it; null when no operation was routed to. */
  query: Record<string, unknown> | null;
  principal: Principal;
  faultId: string | null;
  /** The step of the fault rule's sequence that answered; null for a plain rule (or none). */
  faultStep: number | null;
  /** The request body's text when it parsed as JSON (the journal keeps it as is). */
  bodyText: string | undefined;
  /** The top-level fields of a JSON object body as sent, before validation fills in defaults (coverage counts them). */
  bodyFields?: readonly string[];
  /** The answer was forced (Prefer, a fault rule's status), not the operation's own (coverage marks it). */
  forced?: boolean;
  /** An error about the mock itself (ApiError.mockLevel): checked against the generic envelope, not the operation's responses. */
  mockLevel?: boolean;
  /** An answer to pass on as it came (the upstream's), validated only. */
  raw?: { readonly headers: Readonly<Record<string, string | string[]>>; readonly bytes: Buffer; readonly parsed: boolean; readonly tooDeep?: boolean };
}

/** One finished exchange, as what learns from traffic (proxy mode's drift report and recording) reads it. */
export interface Exchange extends Pick<ApiRequest, 'method' | 'path' | 'search'> {
  readonly authorization: string | undefined;
  readonly version: string | null;
  readonly operation: Operation | null;
  readonly notes: RequestNotes;
  /** The status the client got (0: dropped). */
  readonly status: number;
  /** The first violation of the answer the client got; null when it matched (or was not checked). */
  readonly violation: Violation | null;
  readonly at: number;
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
  /** The body nests deeper than --max-json-depth: passed on unread (not parsed, not validated). */
  readonly tooDeep?: boolean;
  /** Where it was sent, without the query string. */
  readonly url: string;
  readonly durationMs: number;
}

/** The upstream did not answer: a mock-level 502/504, never a contract violation of the operation. */
export interface UpstreamFailure {
  readonly kind: 'failure';
  readonly reason: 'unreachable' | 'timeout' | 'connection_lost' | 'too_large' | 'invalid_response' | 'client_closed';
  /** What was wrong: the status of an invalid response, the coding of a body too large once decompressed. */
  readonly detail?: string;
  readonly url: string;
  readonly durationMs: number;
}
