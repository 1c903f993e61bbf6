/**
 * The longest prefix of `bytes` that is at most `limit` bytes and ends on a whole UTF-8
 * character, so a cut body never ends in half a character.
 */
export function utf8Prefix(bytes: Buffer, limit: number): Buffer {
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
 * The memory a string takes: V8 keeps a string at one byte per character when every character
 * fits in Latin-1, two otherwise. Pure ASCII (the common case) is checked natively and exactly;
 * anything else is counted at two bytes a character, an upper bound.
 */
export function stringBytes(text: string): number {
  return Buffer.byteLength(text) === text.length ? text.length : 2 * text.length;
}

/** A request body: `jsonText` is its text when it parsed as JSON. */
export function keptRequestBody(raw: Buffer | undefined, jsonText: string | undefined, limit: number): KeptBody {
  if (raw === undefined || raw.length === 0) return NONE;
  if (raw.length > limit) return { json: JSON.stringify(utf8Prefix(raw, limit).toString('utf8')), size: raw.length, truncated: true };
  // Kept as text, never as the Buffer: a small Buffer is a slice of an 8 KiB pool that it would pin.
  return { json: jsonText ?? JSON.stringify(raw.toString('utf8')), size: raw.length, truncated: false };
}

/** A response payload (always JSON text, made to be sent). */
export function keptResponseBody(payload: string | undefined, limit: number): KeptBody {
  if (payload === undefined || payload === '') return NONE;
  const size = Buffer.byteLength(payload);
  // Kept as sent: the string is the response's own, shared rather than copied.
  if (size <= limit) return { json: payload, size, truncated: false };
  // Only the start is copied (a UTF-16 unit is at least one UTF-8 byte): a 1 MB payload costs
  // the journal `limit` bytes of work, not a second megabyte.
  const head = Buffer.from(payload.slice(0, limit), 'utf8');
  return { json: JSON.stringify(utf8Prefix(head, limit).toString('utf8')), size, truncated: true };
}

/**
 * stringBytes of a kept response body, without measuring its text again: a response kept whole
 * is the payload itself, whose UTF-8 size keptResponseBody already took (equal to its length
 * exactly when it is ASCII).
 */
export function keptPayloadBytes(kept: KeptBody): number {
  if (kept.truncated || kept.size !== kept.json.length) return stringBytes(kept.json);
  return kept.json.length;
}
