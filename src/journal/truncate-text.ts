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

/** A request body: `jsonText` is its text when it parsed as JSON. */
export function keptRequestBody(raw: Buffer | undefined, jsonText: string | undefined, limit: number): KeptBody {
  if (raw === undefined || raw.length === 0) return NONE;
  if (raw.length > limit) return { json: JSON.stringify(utf8Prefix(raw, limit).toString('utf8')), size: raw.length, truncated: true };
  return { json: jsonText ?? JSON.stringify(raw.toString('utf8')), size: raw.length, truncated: false };
}

/** A response payload (always JSON text, made to be sent). */
export function keptResponseBody(payload: string | undefined, limit: number): KeptBody {
  if (payload === undefined || payload === '') return NONE;
  // A UTF-8 byte is at most one UTF-16 unit, so a payload this short cannot be over the limit.
  if (payload.length * 3 <= limit) return { json: payload, size: Buffer.byteLength(payload), truncated: false };
  const bytes = Buffer.from(payload, 'utf8');
  if (bytes.length <= limit) return { json: payload, size: bytes.length, truncated: false };
  return { json: JSON.stringify(utf8Prefix(bytes, limit).toString('utf8')), size: bytes.length, truncated: true };
}
