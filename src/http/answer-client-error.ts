import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiError } from '../errors/api-error.js';
import { renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';

const REASONS: Readonly<Record<number, string>> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large', 503: 'Service Unavailable' };

/**
 * Requests so malformed that HTTP parsing fails (bad framing, a header line too long), or that
 * did not arrive in time (Node's header and request timeouts), never reach the pipeline; Node
 * would answer a bare 400 or 408 with no body. We answer the Whop envelope too, then close,
 * since the connection cannot be trusted to carry another request. Nothing is written when a
 * response has already started on the connection (`responding`): that would corrupt it.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, responding: boolean): void {
  if (!socket.writable || responding || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const apiError =
    error.code === 'HPE_HEADER_OVERFLOW' ? errors.headersTooLarge()
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? errors.requestTimeout()
    : errors.malformedRequest(error.code ?? 'unknown');
  answerRaw(socket, apiError);
}

/** Writes a complete HTTP/1.1 response with the envelope straight to the socket, and closes it. */
export function answerRaw(socket: Duplex, apiError: ApiError): void {
  const body = JSON.stringify(renderError(apiError));
  const extra = Object.entries(apiError.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${apiError.status} ${REASONS[apiError.status] ?? 'Error'}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}connection: close\r\n\r\n${body}`,
  );
  // end() waits for the peer to close its side; a slow or hostile peer may never do so.
  (socket as Partial<Socket>).destroySoon?.();
}
