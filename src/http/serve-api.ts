import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import { handleApiRequest } from './handle-api-request.js';
import type { Logger } from './logger.js';
import type { ApiRequest, ApiResponse, Pipeline } from './pipeline.js';
import { readBody, type BodyBuffers } from './read-body.js';

export interface ApiServing<S> {
  readonly pipeline: Pipeline<S>;
  readonly logger: Logger;
  readonly bodyLimit: number;
  readonly bodyBuffers: BodyBuffers;
}

/** The official SDK's base URL ends in /api/v1; the mock answers there and at the root. */
function withoutPrefix(path: string): string {
  return path.startsWith('/api/v1') && (path.length === 7 || path.charCodeAt(7) === 0x2f) ? path.slice(7) : path;
}

/**
 * One API request from node:http into the pipeline and back: read the body (a request without
 * one goes straight on, without waiting a turn), handle it, write the answer (or drop the
 * connection for a fault's `drop`), log one access line. `received` once the body is in,
 * `done` once the answer is written.
 */
export function serveApi<S>(serving: ApiServing<S>, req: IncomingMessage, res: ServerResponse, received: () => void, done: () => void): void {
  // Timed only for the access log: below `info` nothing reads it.
  const logger = serving.logger;
  const started = logger.logsRequests ? performance.now() : 0;
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const request: ApiRequest = {
    method: req.method ?? 'GET',
    path: withoutPrefix(rawPath) || '/',
    search: queryAt === -1 ? '' : url.slice(queryAt + 1),
    headers: req.headers as Record<string, string | undefined>,
    rawBody: undefined,
  };
  const finish = (response: ApiResponse) => {
    // A fault rule's `drop`: the client sees the connection close with no response at all.
    if (response.dropped) req.socket.destroy();
    else write(res, response);
    done();
    if (!logger.logsRequests) return;
    logger.request({
      method: request.method,
      path: rawPath,
      status: response.dropped ? 'dropped' : response.status,
      version: response.version,
      operation: response.operationId,
      durationMs: performance.now() - started,
      // What went wrong, when something did: the envelope's code and the contract violation.
      code: response.status >= 400 ? errorCode(response.body) : undefined,
      violation: response.violation === null ? undefined : `${response.violation.pointer || '/'} ${response.violation.rule}`,
    });
  };
  const handle = () => {
    received();
    // handleApiRequest answers every failure itself; a rejection here would be a bug in it.
    handleApiRequest(serving.pipeline, request).then(finish, () => finish(failed(errors.internal())));
  };
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return handle();
  readBody(req, serving.bodyLimit, serving.bodyBuffers).then(
    (raw) => {
      request.rawBody = raw;
      handle();
    },
    (error: unknown) => {
      received();
      finish(unreadable(error));
    },
  );
}

/** Only reading the body ends up here (413, 503, a broken connection): nothing was handled. */
function unreadable(error: unknown): ApiResponse {
  return failed(error instanceof ApiError ? error : errors.controlBodyInvalid('could not be read'));
}

function errorCode(body: unknown): string | undefined {
  const error = typeof body === 'object' && body !== null ? (body as { error?: { code?: unknown } }).error : undefined;
  return typeof error?.code === 'string' ? error.code : undefined;
}

function failed(apiError: ApiError): ApiResponse {
  const body = renderError(apiError);
  return { status: apiError.status, body, headers: { ...apiError.headers, connection: 'close' }, version: null, operationId: null, violation: null, dropped: false, payload: JSON.stringify(body) };
}

function write(res: ServerResponse, response: ApiResponse): void {
  if (res.headersSent || res.destroyed || res.socket?.destroyed === true) return;
  res.statusCode = response.status;
  if (response.raw) return writeRaw(res, response, response.raw);
  // One writeHead with a flat [name, value, ...] list instead of a setHeader each: Node formats
  // the head straight from it (less server CPU per response, measured side by side). Headers set earlier
  // (CORS, `connection: close` on shutdown) are still merged in, and ours still win.
  const head: (string | number)[] = [];
  for (const name in response.headers) {
    if (name !== 'content-type' && name !== 'content-length') head.push(name, response.headers[name] as string);
  }
  head.push('content-type', 'application/json; charset=utf-8', 'content-length', Buffer.byteLength(response.payload));
  res.writeHead(response.status, head);
  res.end(response.payload);
}

/** Proxy mode: the upstream's headers and bytes as they came, plus the mock's own headers. */
function writeRaw(res: ServerResponse, response: ApiResponse, raw: NonNullable<ApiResponse['raw']>): void {
  for (const [name, value] of Object.entries(raw.headers)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('content-length', raw.bytes.length);
  res.end(raw.bytes);
}
