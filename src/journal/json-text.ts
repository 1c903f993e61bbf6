/** Characters a JSON string cannot hold as they are (quote, backslash, controls) or that are not ASCII. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;

/**
 * `JSON.stringify(value)` for a string, without its call when there is nothing to escape (the
 * common case for methods, paths, header values and ids): the journal writes several per request.
 */
export function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * `JSON.stringify` of redacted headers or query with the redaction marker `…` written as `\u2026`: the
 * same JSON, but the text stays one byte per character (V8 would otherwise hold and encode the
 * whole entry text as a two-byte string, twice the memory and the encoding work per entry).
 */
export function redactedJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\u2026') ? text.replaceAll('\u2026', '\\u2026') : text;
}

/** `jsonString`, or `null`. */
export function jsonNullable(value: string | null): string {
  return value === null ? 'null' : jsonString(value);
}

/** The last second formatted (see isoTime); one per journal. */
export interface TimeCache {
  second: number;
  prefix: string;
}

/**
 * ISO 8601 of a time in milliseconds, from a per-second cache: a journal page holds many entries
 * of the same second, and formatting a Date costs as much as the rest of an entry's fields.
 */
export function isoTime(cache: TimeCache, ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cache.second) {
    cache.second = second;
    cache.prefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  return `${cache.prefix}${String(ms - second * 1000).padStart(3, '0')}Z`;
}
