/**
 * `EVALSHA sha 0 arg ...` as the bytes Redis reads (RESP), built in one pass: each argument is
 * encoded straight into the buffer after room for its length header, so a long argument (a
 * journal entry's text) is measured, copied and encoded once, where a client's generic encoder
 * measures it, concatenates it into one string and encodes that again on write. The header's room
 * is guessed from the argument's length in characters (its length in bytes for ASCII, the common
 * case); an argument with more bytes than that is moved over once its header turns out longer.
 */
export function evalshaBytes(sha: string, args: readonly string[]): Buffer {
  const bytes = Buffer.allocUnsafe(worstCase(sha, args));
  return bytes.subarray(0, encodeInto(bytes, sha, args));
}

/** Bytes a scratch buffer starts with: a call of a dozen typical journal entries fits. */
export const SCRATCH_BYTES = 64 * 1024;
/** A buffer grown past this for one large call (entries with large bodies) is not kept for the next. */
export const SCRATCH_KEEP_BYTES = 1024 * 1024;

/**
 * evalshaBytes into one buffer used again call after call, for the hot path: a fresh buffer per
 * call (three bytes of room per character) cost an allocation outside the JS heap, its first
 * touch and its release by the garbage collector, for bytes the socket hands to the kernel at
 * once. The bytes `build` returns are valid until the next `build`: once the socket keeps them
 * (it could not write them at once), `release(false)` gives the next call a buffer of its own.
 */
export class EvalshaScratch {
  #buffer: Buffer | undefined;

  build(sha: string, args: readonly string[]): Buffer {
    const size = worstCase(sha, args);
    let buffer = this.#buffer;
    if (buffer === undefined || buffer.length < size) buffer = this.#buffer = Buffer.allocUnsafeSlow(Math.max(size, SCRATCH_BYTES));
    return buffer.subarray(0, encodeInto(buffer, sha, args));
  }

  /** After the bytes last built were handed over: `written` false when something still holds them. */
  release(written: boolean): void {
    if (!written || (this.#buffer !== undefined && this.#buffer.length > SCRATCH_KEEP_BYTES)) this.#buffer = undefined;
  }
}

/** Room for the worst case: 3 bytes per UTF-16 unit, a header of up to 11 digits, CRLFs. */
function worstCase(sha: string, args: readonly string[]): number {
  let size = 40 + sha.length;
  for (const arg of args) size += 3 * arg.length + 16;
  return size;
}

/** Writes the call into `bytes` (large enough: worstCase); returns its length. */
function encodeInto(bytes: Buffer, sha: string, args: readonly string[]): number {
  let at = bytes.write(`*${args.length + 3}\r\n$7\r\nEVALSHA\r\n$${sha.length}\r\n${sha}\r\n$1\r\n0\r\n`, 0, 'latin1');
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
  return at;
}

/** Bytes of `$<n>\r\n`. */
function headerLength(n: number): number {
  return String(n).length + 3;
}
