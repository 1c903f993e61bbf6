import type { JournalInput } from './journal-entry.js';
import { redactHeaders, type TokenFacts } from './redact-headers.js';
import { keptRequestBody, keptResponseBody } from './truncate-text.js';

export interface EntryFormat {
  /** Request and response bodies longer than this many bytes are kept cut, marked `*_truncated`. */
  readonly bodyBytes: number;
  readonly isSecret: TokenFacts['isSecret'];
}

/**
 * One entry in the form the journal keeps: the JSON text of a JournalEntry, as bytes, made once
 * when the request is recorded. The response body is the payload already made to be sent and a
 * JSON request body is its own text, so nothing is serialized twice; nothing is parsed again on
 * read, so what a client sent can never make reading the journal fail; and the entry's size is
 * exactly what it holds, which is what the journal's byte budgets count.
 */
export function serializeEntry(id: string, input: JournalInput, format: EntryFormat): Buffer {
  const body = keptRequestBody(input.rawBody, input.bodyJson, format.bodyBytes);
  const response = keptResponseBody(input.responsePayload, format.bodyBytes);
  const headers = redactHeaders(input.headers, { kindOf: input.tokenKind, isSecret: format.isSecret });
  const text =
    `{"id":${JSON.stringify(id)},"time":"${new Date(input.receivedAt).toISOString()}","method":${JSON.stringify(input.method)}` +
    `,"path":${JSON.stringify(input.path)},"path_template":${JSON.stringify(input.template)},"operationId":${JSON.stringify(input.operationId)}` +
    `,"version":${JSON.stringify(input.version)},"headers":${JSON.stringify(headers)}` +
    `,"query":${JSON.stringify(input.query ?? plainQuery(input.search))},"query_string":${JSON.stringify(input.search)}` +
    `,"body":${body.json},"body_size":${body.size},"body_truncated":${body.truncated}` +
    `,"status":${input.status === null ? 'null' : input.status},"response_body":${response.json}` +
    `,"response_size":${response.size},"response_truncated":${response.truncated}` +
    `,"validation":${JSON.stringify(input.validation)},"fault_id":${JSON.stringify(input.faultId)}` +
    `,"duration_ms":${Math.round(input.durationMs * 1000) / 1000}}`;
  // Its own memory, not a slice of Node's shared 8 KiB pool: a kept slice would pin the whole slab.
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text, 0, 'utf8');
  return bytes;
}

/**
 * No operation to say what the parameters are: `key[]` and repeated keys are arrays, values
 * strings. A null-prototype object, so a `__proto__` key is just a key.
 */
export function plainQuery(search: string): Record<string, string | string[]> {
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [rawKey, value] of new URLSearchParams(search)) {
    const list = rawKey.endsWith('[]');
    const key = list ? rawKey.slice(0, -2) : rawKey;
    const before = query[key];
    query[key] = before === undefined ? (list ? [value] : value) : Array.isArray(before) ? [...before, value] : [before, value];
  }
  return query;
}
