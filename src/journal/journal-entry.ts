/** Whether the response matched the spec; null when response validation is off. */
export type ValidationResult = { readonly valid: true } | { readonly valid: false; readonly pointer: string; readonly rule: string };

/** What the pipeline hands the journal for one request; kept as is, turned into JSON on read. */
export interface JournalInput {
  readonly receivedAt: number;
  readonly method: string;
  /** Without /api/v1 and without the query string. */
  readonly path: string;
  /** The raw query string, without the `?`. */
  readonly search: string;
  /**
   * The query as the routed operation parsed it (the pipeline's own object: recording it costs
   * nothing); null when no operation was routed to, and the entry then parses `search` plainly.
   */
  readonly query: Readonly<Record<string, unknown>> | null;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly rawBody: Buffer | undefined;
  readonly operationId: string | null;
  readonly template: string | null;
  readonly version: string | null;
  /** null when the connection was dropped by a fault. */
  readonly status: number | null;
  readonly responseBody: unknown;
  readonly validation: ValidationResult | null;
  readonly faultId: string | null;
  readonly durationMs: number;
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
  /** Every request header as received (names lower-case). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * The query as the operation read it: an array parameter is an array whichever form the client
   * used (`statuses[]=a`, `statuses=a&statuses=b`, or one value), numbers and booleans are typed
   * as the spec declares. A request that matched no operation: each key once, a repeated key or
   * a `key[]` key an array, every value a string.
   */
  readonly query: Readonly<Record<string, unknown>>;
  /** The query string exactly as sent, without the `?` ("" when there was none). */
  readonly query_string: string;
  /** The request body as JSON; its text when it was not JSON; null when there was none. */
  readonly body: unknown;
  /** null when a fault dropped the connection. */
  readonly status: number | null;
  readonly response_body: unknown;
  readonly validation: ValidationResult | null;
  /** The fault rule that shaped this response, if any. */
  readonly fault_id: string | null;
  readonly duration_ms: number;
}

export function toJournalEntry(id: string, input: JournalInput): JournalEntry {
  return {
    id,
    time: new Date(input.receivedAt).toISOString(),
    method: input.method,
    path: input.path,
    path_template: input.template,
    operationId: input.operationId,
    version: input.version,
    headers: input.headers,
    query: input.query ?? parseSearch(input.search),
    query_string: input.search,
    body: parseRawBody(input.rawBody),
    status: input.status,
    response_body: input.responseBody ?? null,
    validation: input.validation,
    fault_id: input.faultId,
    duration_ms: Math.round(input.durationMs * 1000) / 1000,
  };
}

/** No operation to say what the parameters are: `key[]` and repeated keys are arrays, values strings. */
function parseSearch(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [rawKey, value] of new URLSearchParams(search)) {
    const list = rawKey.endsWith('[]');
    const key = list ? rawKey.slice(0, -2) : rawKey;
    const before = query[key];
    query[key] = before === undefined ? (list ? [value] : value) : Array.isArray(before) ? [...before, value] : [before, value];
  }
  return query;
}

function parseRawBody(raw: Buffer | undefined): unknown {
  if (raw === undefined || raw.length === 0) return null;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
