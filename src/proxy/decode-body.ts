import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

const DECODERS: Readonly<Record<string, (bytes: Buffer) => Buffer>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
  identity: (bytes) => bytes,
};

/**
 * The upstream's body as JSON, for validation only (the client gets the bytes as they came).
 * A compressed body is decompressed first (gzip, deflate, br). Not JSON, empty, or an unknown
 * encoding: `parsed` is false.
 */
export function decodeBody(bytes: Buffer, encoding: string | string[] | undefined): { json: unknown; parsed: boolean } {
  if (bytes.length === 0) return { json: undefined, parsed: false };
  let plain = bytes;
  const codings = (Array.isArray(encoding) ? encoding.join(',') : (encoding ?? '')).split(',').map((c) => c.trim().toLowerCase()).filter(Boolean);
  try {
    // Content-Encoding lists codings in the order applied: undo them last first.
    for (const coding of codings.reverse()) {
      const decode = DECODERS[coding];
      if (!decode) return { json: undefined, parsed: false };
      plain = decode(plain);
    }
    return { json: JSON.parse(plain.toString('utf8')) as unknown, parsed: true };
  } catch {
    return { json: undefined, parsed: false };
  }
}
