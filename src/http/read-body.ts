import type { IncomingMessage } from 'node:http';
import { errors } from '../errors/catalogue.js';

/**
 * Reads the raw request body, refusing more than `limit` bytes with a 413 envelope (checked
 * against Content-Length first, then while streaming, so a huge body is never buffered).
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(errors.payloadTooLarge(limit));
  if (declared === 0 && request.headers['transfer-encoding'] === undefined) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(errors.payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(size === 0 ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
