import type { IncomingMessage } from 'node:http';
import { errors } from '../../kernel/catalogue.js';

/**
 * Bytes of request bodies being received now, over all connections, and their cap: without one, a
 * thousand slow clients each holding a body just under the limit would hold a gigabyte.
 */
export class BodyBuffers {
  #held = 0;

  constructor(readonly limit: number) {}

  take(bytes: number): boolean {
    if (this.#held + bytes > this.limit) return false;
    this.#held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.#held -= bytes;
  }
}

/**
 * The raw request body: over `limit` bytes a 413 (checked before buffering), past the shared cap a
 * 503. No body: undefined at once, no promise (most requests have none).
 */
export function readBody(request: IncomingMessage, limit: number, buffers: BodyBuffers): Promise<Buffer | undefined> | undefined {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(errors.payloadTooLarge(limit));
  if (declared === 0 && request.headers['transfer-encoding'] === undefined) return undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      buffers.give(size);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) return settle(() => (request.resume(), reject(errors.payloadTooLarge(limit))));
      if (!buffers.take(chunk.length)) return settle(() => (request.resume(), reject(errors.serverBusy(`request bodies being received hold ${buffers.limit} bytes (--body-buffer-bytes)`))));
      size += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => settle(() => resolve(size === 0 ? undefined : Buffer.concat(chunks, size)));
    const onError = (error: Error) => settle(() => reject(error));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
