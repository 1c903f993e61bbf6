import type { Duplex } from 'node:stream';
import { renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';

/**
 * Requests so malformed that HTTP parsing fails (bad framing, a header line too long) never
 * reach Express; Node would answer a bare 400 with no body. We answer the Whop envelope too,
 * then close, since the connection cannot be trusted to carry another request.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const apiError = tooLarge ? errors.headersTooLarge() : errors.malformedRequest(error.code ?? 'unknown');
  const body = JSON.stringify(renderError(apiError));
  socket.end(
    `HTTP/1.1 ${apiError.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
