/**
 * `EVALSHA sha 0 arg ...` as the bytes Redis reads (RESP), built in one pass: each argument is
 * encoded straight into the buffer after room for its length header, so a long argument (a
 * journal entry's text) is measured, copied and encoded once, where a client's generic encoder
 * measures it, concatenates it into one string and encodes that again on write. The header's room
 * is guessed from the argument's length in characters (its length in bytes for ASCII, the common
 * case); an argument with more bytes than that is moved over once its header turns out longer.
 */
export function evalshaBytes(sha: string, args: readonly string[]): Buffer {
  const head = `*${args.length + 3}\r\n$7\r\nEVALSHA\r\n$${sha.length}\r\n${sha}\r\n$1\r\n0\r\n`;
  let size = head.length;
  // Room for the worst case: 3 bytes per UTF-16 unit, a header of up to 11 digits, CRLFs.
  for (const arg of args) size += 3 * arg.length + 16;
  const bytes = Buffer.allocUnsafe(size);
  let at = bytes.write(head, 0, 'latin1');
  for (const arg of args) {
    const guess = headerLength(arg.length);
    const written = bytes.write(arg, at + guess, 'utf8');
    const header = `$${written}\r\n`;
    if (header.length !== guess) bytes.copyWithin(at + header.length, at + guess, at + guess + written);
    at += bytes.write(header, at, 'latin1') + written;
    bytes[at] = 13;
    bytes[at + 1] = 10;
    at += 2;
  }
  return bytes.subarray(0, at);
}

/** Bytes of `$<n>\r\n`. */
function headerLength(n: number): number {
  return String(n).length + 3;
}
