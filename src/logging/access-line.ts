/** What the access log says about one request (`info`, message `request`). */
export interface AccessEntry {
  readonly method: string;
  /** The path as requested (with the /api/v1 prefix when it had one), without the query. */
  readonly path: string;
  /** `dropped`: a fault rule closed the connection without an answer. */
  readonly status: number | 'dropped';
  readonly version: string | null;
  readonly operation: string | null;
  readonly durationMs: number;
  /** The envelope's error code, for a 4xx or 5xx that has one. */
  readonly code?: string | undefined;
  /** The contract violation (`pointer rule`), when the answer broke the spec. */
  readonly violation?: string | undefined;
}

/** The entry as log fields, in the order the JSON line has them (for the readable format and other sinks). */
export function accessFields(entry: AccessEntry): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    method: entry.method,
    path: entry.path,
    status: entry.status,
    version: entry.version,
    operation: entry.operation,
    duration_ms: roundedMs(entry.durationMs),
  };
  if (entry.code !== undefined) fields.code = entry.code;
  if (entry.violation !== undefined) fields.violation = entry.violation;
  return fields;
}

/** The line up to the first field, which changes only with the clock. */
export function accessHead(isoTime: string): string {
  return `{"time":"${isoTime}","level":"info","msg":"request"`;
}

/**
 * The text formatJson writes for `accessFields(entry)`. On every request at the default level, so
 * the usual line (status, version, operation, nothing to escape) is one template: no fields object,
 * no JSON.stringify, no shortest-double printing. `head`: `accessHead` (reused per millisecond).
 */
export function accessLine(head: string, entry: AccessEntry): string {
  const { method, path, status, version, operation, code, violation } = entry;
  if (typeof status !== 'number' || version === null || operation === null || !plain(method) || !plain(path) || !plain(version) || !plain(operation)) return generic(head, entry);
  const line = `${head},"method":"${method}","path":"${path}","status":${status},"version":"${version}","operation":"${operation}","duration_ms":${msText(entry.durationMs)}`;
  if (code === undefined && violation === undefined) return `${line}}`;
  if (violation === undefined && plain(code as string)) return `${line},"code":"${code as string}"}`;
  return generic(head, entry);
}

function generic(head: string, entry: AccessEntry): string {
  return `${head},${JSON.stringify(accessFields(entry)).slice(1)}`;
}

/**
 * No character JSON.stringify would escape: no control character, quote or backslash, and no
 * surrogate (a paired one would do, but goes the generic way). A loop, not a regular expression:
 * the strings are short and a regexp call costs more than the scan.
 */
function plain(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** Milliseconds to the microsecond, as the journal keeps them. */
function roundedMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** ".001" .. ".999" without trailing zeros, "" for 0: the fraction of a millisecond as JavaScript prints it. */
const FRACTIONS = Array.from({ length: 1000 }, (_, us) => (us === 0 ? '' : `.${String(us).padStart(3, '0').replace(/0+$/, '')}`));

/**
 * `roundedMs(ms)` as JavaScript prints it, from two small integers (strings V8 caches), not the
 * shortest-round-trip printing of a double, which cost more than the rest of the line. Both print
 * the same: whole microseconds over 1000 have no shorter decimal form.
 */
function msText(ms: number): string {
  const us = Math.round(ms * 1000);
  if (!(us >= 0 && us < 1e15)) return String(roundedMs(ms));
  return `${Math.floor(us / 1000)}${FRACTIONS[us % 1000]}`;
}
