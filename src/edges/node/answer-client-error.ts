import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { renderError, type ApiError } from '../../kernel/api-error.js';
import { errors } from '../../kernel/catalogue.js';

const REASONS: Readonly<Record<number, string>> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large', 503: 'Service Unavailable' };

/**
 * A request HTTP parsing fails on (bad framing, a header line too long) or that did not arrive in
 * time gets the envelope rather than Node's bare 400/408, then the connection closes: it cannot be
 * trusted with another request. Nothing is written while a response is under way (`responding`).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, responding: boolean): void {
  if (!socket.writable || responding || error.code === 'ECONNRESET') return void socket.destroy();
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

/** Answers a request the adapter refuses before the pipeline (no Host, an Expect it cannot meet) with the envelope, and closes the connection. */
export function answerEnvelope(res: ServerResponse, apiError: ApiError): void {
  const payload = JSON.stringify(renderError(apiError));
  res.writeHead(apiError.status, { ...apiError.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), connection: 'close' });
  res.end(payload);
}
