import type { JournalInput, RequestValidation, UpstreamRecord } from './journal-entry.js';
import { redactSecretFieldsText } from './redact-body.js';
import { isSecretName } from '../../kernel/secret-name.js';
import { redactHeaders, type TokenFacts } from './redact-headers.js';
import { redactQuery, redactQueryString } from './redact-query.js';

export interface EntryFormat {
  /** Request and response bodies longer than this many bytes are kept cut, marked `*_truncated`. */
  readonly bodyBytes: number;
  readonly isSecret: TokenFacts['isSecret'];
}

/**
 * One request as the journal keeps it: secrets redacted and bodies cut. Made cheaply on the request
 * path (references, and copies only of what is redacted or cut); turned into JSON on read.
 */
export interface KeptEntry
  extends Pick<JournalInput, 'receivedAt' | 'method' | 'path' | 'template' | 'operationId' | 'version' | 'headers' | 'query'>,
    Pick<JournalInput, 'search' | 'status' | 'validation' | 'faultId' | 'durationMs'> {
  readonly body: KeptBody;
  readonly response: KeptBody;
  readonly responseHeaders: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly withheld: { readonly status: number; readonly body: KeptBody } | null;
  readonly faultStep: number | null;
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
  const body = requestBody(input, format.bodyBytes);
  const response = keptResponseBody(input.responsePayload, format.bodyBytes);
  const responseHeaders = input.responseHeaders === undefined ? NO_HEADERS : answerHeaders(input.responseHeaders, input.tokenKind, format.isSecret);
  const withheld = input.withheld === undefined ? null : { status: input.withheld.status, body: keptResponseBody(input.withheld.payload, format.bodyBytes) };
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
    responseHeaders,
    withheld,
    faultId: input.faultId,
    faultStep: input.faultStep ?? null,
    durationMs: input.durationMs,
    requestValidation: input.requestValidation ?? null,
    upstream: input.upstream ?? null,
  };
  // The strings a client chose the length of (bodies, headers, path, query), each counted as the
  // memory it takes; a violation's errors and withheld body too (bounded: 50 errors, the body limit).
  const evidence = (withheld === null ? 0 : keptPayloadBytes(withheld.body)) + (input.validation?.valid === false ? JSON.stringify(input.validation.errors).length : 0);
  const bytes = stringBytes(body.json) + keptPayloadBytes(response) + headerBytes(headers) + headerBytes(responseHeaders) + 2 * stringBytes(input.search) + stringBytes(input.path) + evidence + ENTRY_OVERHEAD_BYTES;
  return { entry, bytes };
}

/** The request body with secret-named JSON fields or form parameters redacted; unparsed when none could be. */
function requestBody(input: JournalInput, limit: number): KeptBody {
  const { rawBody, bodyJson } = input;
  if (rawBody === undefined || rawBody.length === 0) return keptRequestBody(rawBody, bodyJson, limit);
  if (bodyJson !== undefined) {
    const redacted = redactSecretFieldsText(bodyJson, limit);
    return redacted === bodyJson ? keptRequestBody(rawBody, bodyJson, limit) : keptRequestBody(Buffer.from(redacted), redacted, limit, rawBody.length);
  }
  if (rawBody.length > limit || !FORM.test(String(input.headers['content-type']))) return keptRequestBody(rawBody, undefined, limit);
  const text = rawBody.toString('utf8');
  const redacted = redactQueryString(text);
  return redacted === text ? keptRequestBody(rawBody, undefined, limit) : keptRequestBody(Buffer.from(redacted), undefined, limit, rawBody.length);
}

const NO_HEADERS: KeptEntry['responseHeaders'] = Object.freeze({});

/**
 * The response's headers: the object the answer was sent with (never changed after) when no name
 * in it is secret; else a redacted copy, by the request headers' rules (an upstream's Set-Cookie).
 */
function answerHeaders(headers: Readonly<Record<string, string | readonly string[]>>, kindOf: TokenFacts['kindOf'], isSecret: TokenFacts['isSecret']): KeptEntry['responseHeaders'] {
  for (const name in headers) if (isSecretName(name)) return redactHeaders(headers, { kindOf, isSecret });
  return headers;
}

const FORM = /^application\/x-www-form-urlencoded/i;

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

/** The longest prefix of `bytes` within `limit` that ends on a whole UTF-8 character. */
function utf8Prefix(bytes: Buffer, limit: number): Buffer {
  if (bytes.length <= limit) return bytes;
  let end = limit;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

/** A body as the journal keeps it: a JSON fragment, with its size and whether it was cut. */
export interface KeptBody {
  /** JSON text: the body itself when it is JSON and fits, else a JSON string of (the start of) its text. */
  readonly json: string;
  readonly size: number;
  readonly truncated: boolean;
}

const NONE: KeptBody = { json: 'null', size: 0, truncated: false };

/**
 * The memory a string takes: V8 keeps one byte per character when all fit in Latin-1, else two.
 * Pure ASCII (the common case) is checked natively; anything else is counted at two, an upper bound.
 */
function stringBytes(text: string): number {
  return Buffer.byteLength(text) === text.length ? text.length : 2 * text.length;
}

/** A request body (`jsonText`: its text when JSON; `size`: as received, when `raw` is a redacted copy). */
function keptRequestBody(raw: Buffer | undefined, jsonText: string | undefined, limit: number, size = raw?.length ?? 0): KeptBody {
  if (raw === undefined || raw.length === 0) return NONE;
  if (raw.length > limit) return { json: JSON.stringify(utf8Prefix(raw, limit).toString('utf8')), size, truncated: true };
  // Kept as text, never as the Buffer: a small Buffer is a slice of an 8 KiB pool that it would pin.
  return { json: jsonText ?? JSON.stringify(raw.toString('utf8')), size, truncated: false };
}

/** A response payload (always JSON text, made to be sent). */
function keptResponseBody(payload: string | undefined, limit: number): KeptBody {
  if (payload === undefined || payload === '') return NONE;
  const size = Buffer.byteLength(payload);
  // Kept as sent: the string is the response's own, shared rather than copied.
  if (size <= limit) return { json: payload, size, truncated: false };
  // Only the start is copied (a UTF-16 unit is at least one UTF-8 byte): a 1 MB payload costs
  // the journal `limit` bytes of work, not a second megabyte.
  const head = Buffer.from(payload.slice(0, limit), 'utf8');
  return { json: JSON.stringify(utf8Prefix(head, limit).toString('utf8')), size, truncated: true };
}

/** stringBytes of a kept response body; one kept whole is ASCII exactly when its UTF-8 size is its length. */
function keptPayloadBytes(kept: KeptBody): number {
  if (kept.truncated || kept.size !== kept.json.length) return stringBytes(kept.json);
  return kept.json.length;
}
