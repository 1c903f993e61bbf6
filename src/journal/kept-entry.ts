import type { JournalInput, RequestValidation, UpstreamRecord, ValidationResult } from './journal-entry.js';
import { redactHeaders, type TokenFacts } from './redact-headers.js';
import { redactQuery, redactQueryString } from './redact-query.js';
import { keptPayloadBytes, keptRequestBody, keptResponseBody, stringBytes, type KeptBody } from './truncate-text.js';

export interface EntryFormat {
  /** Request and response bodies longer than this many bytes are kept cut, marked `*_truncated`. */
  readonly bodyBytes: number;
  readonly isSecret: TokenFacts['isSecret'];
}

/**
 * One request as the journal keeps it: secrets already redacted and bodies already cut, so it
 * holds nothing it may not show and no more than its budget counts. Made cheaply on the request
 * path (references, and copies only of what is redacted or cut); turned into JSON on read.
 */
export interface KeptEntry {
  readonly receivedAt: number;
  readonly method: string;
  readonly path: string;
  readonly template: string | null;
  readonly operationId: string | null;
  readonly version: string | null;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly query: Readonly<Record<string, unknown>> | null;
  readonly search: string;
  readonly body: KeptBody;
  readonly status: number | null;
  readonly response: KeptBody;
  readonly validation: ValidationResult | null;
  readonly faultId: string | null;
  readonly durationMs: number;
  readonly requestValidation: RequestValidation | null;
  readonly upstream: UpstreamRecord | null;
}

/**
 * What an entry costs besides the strings it holds: the entry objects, string and property
 * headers, the facts kept for filtering (measured: docs/reliability.md).
 */
export const ENTRY_OVERHEAD_BYTES = 500;

export function keepEntry(input: JournalInput, format: EntryFormat): { entry: KeptEntry; bytes: number } {
  const headers = redactHeaders(input.headers, { kindOf: input.tokenKind, isSecret: format.isSecret });
  const body = keptRequestBody(input.rawBody, input.bodyJson, format.bodyBytes);
  const response = keptResponseBody(input.responsePayload, format.bodyBytes);
  const entry: KeptEntry = {
    receivedAt: input.receivedAt,
    method: input.method,
    path: input.path,
    template: input.template,
    operationId: input.operationId,
    version: input.version,
    headers,
    query: redactQuery(input.query),
    search: redactQueryString(input.search),
    body,
    status: input.status,
    response,
    validation: input.validation,
    faultId: input.faultId,
    durationMs: input.durationMs,
    requestValidation: input.requestValidation ?? null,
    upstream: input.upstream ?? null,
  };
  // The strings a client chose the length of (bodies, headers, path, query), each counted as the
  // memory it takes; the parsed query is a few values read from the query string.
  const bytes = stringBytes(body.json) + keptPayloadBytes(response) + headerBytes(headers) + 2 * stringBytes(input.search) + stringBytes(input.path) + ENTRY_OVERHEAD_BYTES;
  return { entry, bytes };
}

/** Node reads header bytes as Latin-1, so each character of a name or value takes one byte. */
function headerBytes(headers: KeptEntry['headers']): number {
  let bytes = 0;
  for (const name in headers) {
    const value = headers[name];
    bytes += name.length + 16;
    if (typeof value === 'string') bytes += value.length;
    else if (value !== undefined) for (const item of value) bytes += item.length + 16;
  }
  return bytes;
}
