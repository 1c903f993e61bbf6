/** The first value of a header Node may give as a list. */
export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const PRINTABLE = /^[\x20-\x7e]*$/;
const HEX = '0123456789ABCDEF';

/**
 * A header value made from data as printable ASCII, at most `max` characters: Node refuses CR, LF
 * or a character above U+00FF (ERR_INVALID_CHAR), and bytes above 0x7E reach clients garbled. Each
 * byte outside space..`~` of the UTF-8 (`latin1`: of a value Node read off the wire) becomes `%XX`;
 * `%` itself is kept (for reading, not decoding back). Never cut inside an escape.
 */
export function headerValue(text: string, max = Number.POSITIVE_INFINITY, encoding: 'utf8' | 'latin1' = 'utf8'): string {
  if (PRINTABLE.test(text)) return text.length > max ? text.slice(0, max) : text;
  let out = '';
  for (const byte of Buffer.from(text, encoding)) {
    const piece = byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
    if (out.length + piece.length > max) break;
    out += piece;
  }
  return out;
}
