/**
 * The one error type of the mock. Everything a caller can get wrong, and everything the mock
 * itself gets wrong, becomes an ApiError; `renderError` is the only place that turns it into
 * the Whop envelope `{"error":{"type","message","code","param"}}` (seed 002).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  /** Extra response headers (e.g. Allow on a 405). */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * An answer about the mock itself (its store is down, a session is over its byte budget), not
   * about the operation: checked against the generic Whop error envelope, never reported as a
   * contract violation of the operation that happened to be called.
   */
  readonly mockLevel: boolean;

  constructor(init: {
    status: number;
    type: string;
    message: string;
    code?: string | null;
    param?: string | null;
    headers?: Record<string, string>;
    mockLevel?: boolean;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.headers = init.headers ?? {};
    this.mockLevel = init.mockLevel ?? false;
  }
}

export interface ErrorEnvelope {
  error: { type: string; message: string; code: string | null; param: string | null };
}

export function renderError(error: ApiError): ErrorEnvelope {
  return { error: { type: error.type, message: error.message, code: error.code, param: error.param } };
}
