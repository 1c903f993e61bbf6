import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { jsonProblem } from '../kernel/json-problem.js';

type Inflate = (bytes: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;

// zlib's asynchronous forms: the work runs on libuv's thread pool a chunk at a time, so a large
// body never holds the event loop, and `maxOutputLength` stops one past the cap mid-way.
const DECODERS: Readonly<Record<string, Inflate>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** What the upstream's body is, for validation (the client gets the bytes as they came). */
export type DecodedBody =
  | { readonly kind: 'json'; readonly json: unknown }
  /** Empty, not JSON, or compressed in a way the proxy cannot read. */
  | { readonly kind: 'unread' }
  /** Nests objects and arrays deeper than the depth limit: not parsed. */
  | { readonly kind: 'too_deep' }
  /** Larger than the size limit once decompressed (`encoding`, the coding that went past it). */
  | { readonly kind: 'too_large'; readonly encoding: string };

const UNREAD: DecodedBody = { kind: 'unread' };

/**
 * The upstream's body as JSON, decompressed first (each coding's output at most `maxBytes`: a 1 MB
 * gzip body can hold 1,000 MiB of zeros). JSON nested deeper than `maxDepth` is not parsed:
 * everything that reads it later (validation, the journal, drift, recording) recurses.
 */
export async function decodeBody(bytes: Buffer, encoding: string | string[] | undefined, limits: { readonly maxBytes: number; readonly maxDepth: number }): Promise<DecodedBody> {
  if (bytes.length === 0) return UNREAD;
  let plain = bytes;
  const codings = (Array.isArray(encoding) ? encoding.join(',') : (encoding ?? '')).split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity');
  // Content-Encoding lists codings in the order applied: undo them last first.
  for (const coding of codings.reverse()) {
    const decode = DECODERS[coding];
    if (!decode) return UNREAD;
    try {
      plain = await decode(plain, { maxOutputLength: limits.maxBytes });
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? { kind: 'too_large', encoding: coding } : UNREAD;
    }
  }
  const text = plain.toString('utf8');
  if (jsonProblem(text, limits.maxDepth, false)?.kind === 'too-deep') return { kind: 'too_deep' };
  try {
    return { kind: 'json', json: JSON.parse(text) as unknown };
  } catch {
    return UNREAD;
  }
}
