import type { RecordWrite } from '../store/write-ledger.js';

// A session's records as the store's scripts pass them: `kind:key` fields, each followed by
// the record's JSON, or '' for a record the session deleted.

/** The records of an open's reply (they start at index 6). */
export function* writesOf(reply: readonly (string | number)[]): Generator<RecordWrite> {
  for (let i = 6; i + 1 < reply.length; i += 2) {
    const field = String(reply[i]);
    const at = field.indexOf(':');
    const json = String(reply[i + 1]);
    yield { kind: field.slice(0, at), key: field.slice(at + 1), json: json === '' ? null : json };
  }
}

/** Writes as script arguments. */
export function flatten(writes: readonly RecordWrite[]): string[] {
  return writes.flatMap((write) => [`${write.kind}:${write.key}`, write.json ?? '']);
}
