import type { IncomingMessage } from 'node:http';
import { errors } from '../errors/catalogue.js';

/**
 * The bytes of request bodies being received right now, across every connection, and their cap:
 * without one, a thousand slow clients each holding a body just under the size limit would hold
 * a gigabyte between them.
 */
export class BodyBuffers {
  readonly limit: number;
  #held = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  get held(): number {
    return this.#held;
  }

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
 * Reads the raw request body, refusing more than `limit` bytes with a 413 envelope (checked
 * against Content-Length first, then while streaming, so a huge body is never buffered), and a
 * body that would take the bodies being received past their shared cap with a 503.
 */
export function readBody(request: IncomingMessage, limit: number, buffers: BodyBuffers): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(errors.payloadTooLarge(limit));
  if (declared === 0 && request.headers['transfer-encoding'] === undefined) return Promise.resolve(undefined);
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
