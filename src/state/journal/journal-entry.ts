import type { SchemaError } from '../../validation/explain-violation.js';

/** Whether the response matched the spec: a violation's first error, at most 50 errors, and their count. */
export type ValidationResult =
  | { readonly valid: true }
  | { readonly valid: false; readonly pointer: string; readonly rule: string; readonly errors: readonly SchemaError[]; readonly error_count: number };

/** Proxy mode: whether the spec accepted the request (it was forwarded either way, unless --reject-invalid). */
export type RequestValidation =
  | { readonly valid: true; readonly security_missing?: true }
  | { readonly valid: false; readonly code: string | null; readonly param: string | null; readonly message: string; readonly security_missing?: true };

/** Proxy mode: where a request was forwarded and how the upstream answered. */
export interface UpstreamRecord {
  /** The upstream URL without the query string. */
  readonly url: string;
  /** null when the upstream did not answer (see `failure`). */
  readonly status: number | null;
  readonly duration_ms: number;
  /** `unreachable`, `timeout`, `connection_lost`, `too_large`; null when it answered. */
  readonly failure: string | null;
}

/** What the pipeline hands the journal for one request; the journal turns it into its stored form at once. */
export interface JournalInput {
  readonly receivedAt: number;
  readonly method: string;
  /** Without /api/v1 and without the query string. */
  readonly path: string;
  /** The raw query string, without the `?`. */
  readonly search: string;
  /** The query as the routed operation parsed it; null when none was routed to (`search` is parsed plainly). */
  readonly query: Readonly<Record<string, unknown>> | null;
  /** As received: the journal redacts secrets before it keeps anything. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly rawBody: Buffer | undefined;
  /** The body's text when it parsed as JSON (so it can be kept as JSON without parsing it again). */
  readonly bodyJson: string | undefined;
  /** What a bearer token is in the caller's session (`user_oauth_token`, ...), for the redacted header. */
  readonly tokenKind: (token: string) => string | undefined;
  readonly operationId: string | null;
  readonly template: string | null;
  readonly version: string | null;
  /** null when the connection was dropped by a fault. */
  readonly status: number | null;
  /** The response body exactly as sent (JSON text); undefined when none was sent. */
  readonly responsePayload: string | undefined;
  readonly validation: ValidationResult | null;
  /** The headers the response went out with (CORS included); undefined when the connection was dropped. */
  readonly responseHeaders?: Readonly<Record<string, string | readonly string[]>> | undefined;
  /** Strict mode: the answer that broke the spec and was replaced by the 500 (its status and JSON text). */
  readonly withheld?: { readonly status: number; readonly payload: string } | undefined;
  readonly faultId: string | null;
  /** The step of the fault rule's sequence that answered (0 is the first); null otherwise. */
  readonly faultStep?: number | null;
  readonly durationMs: number;
  /** Proxy mode only (absent: null in the entry). */
  readonly requestValidation?: RequestValidation | null;
  readonly upstream?: UpstreamRecord | null;
}

/** One journal entry as GET /__mock/requests and `session.requests()` return it. */
export interface JournalEntry {
  readonly id: string;
  /** When the request arrived (ISO 8601). */
  readonly time: string;
  readonly method: string;
  readonly path: string;
  /** The operation's path template (`/users/{id}`); null when no operation matched. */
  readonly path_template: string | null;
  readonly operationId: string | null;
  readonly version: string | null;
  /** Every request header as received (names lower-case), secrets redacted (`Bearer [user_oauth_token …full]`). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * The query as the operation read it (arrays and types as the spec declares). A request that
   * matched no operation: a repeated key or a `key[]` key an array, every value a string.
   */
  readonly query: Readonly<Record<string, unknown>>;
  /** The query string exactly as sent, without the `?` ("" when there was none). */
  readonly query_string: string;
  /** The request body as JSON, else its text, else null; over the body limit, its first bytes as text. */
  readonly body: unknown;
  /** The request body's size in bytes as received (0 without a body). */
  readonly body_size: number;
  readonly body_truncated: boolean;
  /** null when a fault dropped the connection. */
  readonly status: number | null;
  /** As `body`, for the response. */
  readonly response_body: unknown;
  readonly response_size: number;
  readonly response_truncated: boolean;
  readonly validation: ValidationResult | null;
  /** The headers the response went out with (names lower-case, CORS included), redacted as `headers` are; {} when dropped. */
  readonly response_headers: Readonly<Record<string, string | readonly string[]>>;
  /** Strict mode: the answer that broke the spec, which the client never got (it got the 500 instead). */
  readonly withheld_response: { readonly status: number; readonly body: unknown; readonly body_size: number; readonly body_truncated: boolean } | null;
  /** The fault rule that shaped this response, if any. */
  readonly fault_id: string | null;
  /** Which step of that rule's `sequence` (0 is the first); null for a plain rule or none. */
  readonly fault_step: number | null;
  readonly duration_ms: number;
  /** Proxy mode: the request's validation result (it was forwarded either way); null in mock mode. */
  readonly request_validation: RequestValidation | null;
  /** Proxy mode: the upstream's part; null in mock mode and for requests answered locally. */
  readonly upstream: UpstreamRecord | null;
}
