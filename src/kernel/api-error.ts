/**
 * The one error type of the mock; `renderError` is the only place that turns it into the Whop
 * envelope `{"error":{"type","message","code","param"}}` (seed 002).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  /** Extra response headers (e.g. Allow on a 405). */
  readonly headers: Readonly<Record<string, string>>;
  /** About the mock itself (store down, session full): checked against the generic envelope only. */
  readonly mockLevel: boolean;

  constructor(
    init: Pick<ApiError, 'status' | 'type' | 'message'> & Partial<Pick<ApiError, 'code' | 'param' | 'headers' | 'mockLevel'>>,
  ) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.headers = init.headers ?? {};
    this.mockLevel = init.mockLevel ?? false;
  }

  /** The same error naming its parameter `param` instead (an API version's name for it), in `param` and in the message. */
  renamed(param: string): ApiError {
    const from = this.param;
    const message = from === null ? this.message : this.message.replace(new RegExp(`\\b${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'), param);
    return new ApiError({ status: this.status, type: this.type, message, code: this.code, param, headers: { ...this.headers }, mockLevel: this.mockLevel });
  }
}

export interface ErrorEnvelope {
  error: { type: string; message: string; code: string | null; param: string | null };
}

export function renderError(error: ApiError): ErrorEnvelope {
  return { error: { type: error.type, message: error.message, code: error.code, param: error.param } };
}

/** The envelope's `code`, when `body` is a Whop error envelope. */
export function errorCode(body: unknown): string | undefined {
  const error = typeof body === 'object' && body !== null ? (body as { error?: { code?: unknown } }).error : undefined;
  return typeof error?.code === 'string' ? error.code : undefined;
}
