import type { KeptEntry } from './kept-entry.js';
import { isoTime, jsonNullable, jsonString, redactedJson, type TimeCache } from './json-text.js';

const VALID = '{"valid":true}';

/**
 * A kept entry as the JSON text of a JournalEntry. Only what the journal made itself is
 * serialized (redacted headers, the parsed query); a request body that was JSON is its own
 * text and the response body is the payload that was sent, so nothing a client sent is parsed
 * or re-encoded here, and reading the journal cannot fail because of it.
 */
export function entryText(seq: number, kept: KeptEntry, time: TimeCache): string {
  return `{"id":"req_${seq}",${entryFields(kept, time)}`;
}

/**
 * The entry's JSON after its id (`"time":…}`): what a journal kept elsewhere stores, since the
 * id is only known once the store has counted the request.
 */
export function entryFields(kept: KeptEntry, time: TimeCache): string {
  const query = redactedJson(kept.query === null ? plainQuery(kept.search) : kept.query);
  const validation = kept.validation === null ? 'null' : kept.validation.valid ? VALID : JSON.stringify(kept.validation);
  return (
    `"time":"${isoTime(time, kept.receivedAt)}","method":${jsonString(kept.method)}` +
    `,"path":${jsonString(kept.path)},"path_template":${jsonNullable(kept.template)},"operationId":${jsonNullable(kept.operationId)}` +
    `,"version":${jsonNullable(kept.version)},"headers":${redactedJson(kept.headers)},"query":${query},"query_string":${jsonString(kept.search)}` +
    `,"body":${kept.body.json},"body_size":${kept.body.size},"body_truncated":${kept.body.truncated}` +
    `,"status":${kept.status === null ? 'null' : kept.status},"response_body":${kept.response.json}` +
    `,"response_size":${kept.response.size},"response_truncated":${kept.response.truncated}` +
    `,"validation":${validation},"fault_id":${jsonNullable(kept.faultId)},"duration_ms":${Math.round(kept.durationMs * 1000) / 1000}` +
    `,"request_validation":${JSON.stringify(kept.requestValidation)},"upstream":${JSON.stringify(kept.upstream)}}`
  );
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
