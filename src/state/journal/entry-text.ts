import { isoTime } from '../../kernel/iso-time.js';
import type { KeptEntry } from './kept-entry.js';

const VALID = '{"valid":true}';

/** Characters a JSON string cannot hold as they are (quote, backslash, controls) or that are not ASCII. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;

/** `JSON.stringify` of a string, without the call when nothing needs escaping (the common case). */
function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * `JSON.stringify` with the redaction marker `…` written as `\u2026`: the text stays one byte per
 * character (else V8 holds the whole entry text as a two-byte string: twice the memory and work).
 */
function redactedJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\u2026') ? text.replaceAll('\u2026', '\\u2026') : text;
}

function jsonNullable(value: string | null): string {
  return value === null ? 'null' : jsonString(value);
}

/**
 * A kept entry as the JSON text of a JournalEntry. Only what the journal made itself is serialized:
 * bodies are kept as text, so reading the journal never parses what a client sent, nor fails on it.
 */
export function entryText(seq: number, kept: KeptEntry): string {
  return `{"id":"req_${seq}",${entryFields(kept)}`;
}

/** The entry's JSON after its id: what Redis stores (the id is known once the store counted the request). */
export function entryFields(kept: KeptEntry): string {
  const query = redactedJson(kept.query === null ? plainQuery(kept.search) : kept.query);
  const validation = kept.validation === null ? 'null' : kept.validation.valid ? VALID : JSON.stringify(kept.validation);
  return (
    `"time":"${isoTime(kept.receivedAt)}","method":${jsonString(kept.method)}` +
    `,"path":${jsonString(kept.path)},"path_template":${jsonNullable(kept.template)},"operationId":${jsonNullable(kept.operationId)}` +
    `,"version":${jsonNullable(kept.version)},"headers":${redactedJson(kept.headers)},"query":${query},"query_string":${jsonString(kept.search)}` +
    `,"body":${kept.body.json},"body_size":${kept.body.size},"body_truncated":${kept.body.truncated}` +
    `,"status":${kept.status === null ? 'null' : kept.status},"response_body":${kept.response.json}` +
    `,"response_size":${kept.response.size},"response_truncated":${kept.response.truncated}` +
    `,"validation":${validation},"response_headers":${redactedJson(kept.responseHeaders)},"withheld_response":${withheldJson(kept.withheld)}` +
    `,"fault_id":${jsonNullable(kept.faultId)},"fault_step":${kept.faultStep === null ? 'null' : kept.faultStep},"duration_ms":${Math.round(kept.durationMs * 1000) / 1000}` +
    `,"request_validation":${JSON.stringify(kept.requestValidation)},"upstream":${JSON.stringify(kept.upstream)}}`
  );
}

function withheldJson(withheld: KeptEntry['withheld']): string {
  if (withheld === null) return 'null';
  const { status, body } = withheld;
  return `{"status":${status},"body":${body.json},"body_size":${body.size},"body_truncated":${body.truncated}}`;
}

/** Without an operation: `key[]` and repeated keys are arrays; null-prototype, so `__proto__` is a key. */
function plainQuery(search: string): Record<string, string | string[]> {
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [rawKey, value] of new URLSearchParams(search)) {
    const list = rawKey.endsWith('[]');
    const key = list ? rawKey.slice(0, -2) : rawKey;
    const before = query[key];
    query[key] = before === undefined ? (list ? [value] : value) : Array.isArray(before) ? [...before, value] : [before, value];
  }
  return query;
}
