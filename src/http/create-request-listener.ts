import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express from 'express';
import { ApiError, renderError } from '../errors/api-error.js';
import { corsHeaders, type CorsPolicy } from './cors.js';
import { handleApiRequest } from './handle-api-request.js';
import type { Logger } from './logger.js';
import type { ApiRequest, ApiResponse, Pipeline } from './pipeline.js';
import { readBody } from './read-body.js';

export interface ListenerOptions<S> {
  pipeline: Pipeline<S>;
  logger: Logger;
  bodyLimit: number;
  /** The control plane, served under /__mock. */
  control?: express.Router;
  /** Which browser origins get CORS headers; without it, none do. */
  cors?: CorsPolicy;
}

/** The official SDK's base URL ends in /api/v1; the mock answers there and at the root. */
const PREFIX = /^\/api\/v1(?=\/|$)/;
const CONTROL = /^\/__mock(?=\/|\?|$)/;

/**
 * The HTTP adapter. API requests go straight from node:http into handleApiRequest, which never
 * sees `req` or `res`: Express on that path cost more per request than all of the mock's own
 * work (docs/performance.md). Express serves only the /__mock control plane, where a router
 * table earns its keep. CORS runs first for both, and answers preflights on any path.
 */
export function createRequestListener<S>(options: ListenerOptions<S>): RequestListener {
  const control = express();
  control.disable('x-powered-by');
  control.set('etag', false);
  if (options.control) control.use('/__mock', options.control);
  return (req, res) => {
    if (options.cors && req.headers.origin !== undefined && applyCors(options.cors, req, res)) return;
    if (CONTROL.test(req.url ?? '')) control(req, res);
    else void serveApi(options, req, res);
  };
}

async function serveApi<S>(options: ListenerOptions<S>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = process.hrtime.bigint();
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const request: ApiRequest = {
    method: req.method ?? 'GET',
    path: rawPath.replace(PREFIX, '') || '/',
    search: queryAt === -1 ? '' : url.slice(queryAt + 1),
    headers: req.headers as Record<string, string | undefined>,
    rawBody: undefined,
  };
  let response: ApiResponse;
  try {
    request.rawBody = await readBody(req, options.bodyLimit);
    response = await handleApiRequest(options.pipeline, request);
  } catch (error) {
    // Only reading the body can end up here (413, a broken connection).
    const apiError = error instanceof ApiError ? error : new ApiError({ status: 400, type: 'invalid_request_error', message: 'The request body could not be read.' });
    response = { status: apiError.status, body: renderError(apiError), headers: { ...apiError.headers, connection: 'close' }, version: null, operationId: null, violation: null, dropped: false };
  }
  // A fault rule's `drop`: the client sees the connection close with no response at all.
  if (response.dropped) req.socket.destroy();
  else write(res, response);
  options.logger.info('request', {
    method: request.method,
    path: rawPath,
    status: response.dropped ? 'dropped' : response.status,
    version: response.version,
    operation: response.operationId,
    duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
  });
}

function write(res: ServerResponse, response: ApiResponse): void {
  if (res.headersSent || res.destroyed) return;
  const payload = response.body === undefined ? '' : JSON.stringify(response.body);
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(payload));
  res.end(payload);
}

/** Sets the CORS headers; a preflight ends here with 204 (returns true). */
function applyCors(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const answer = corsHeaders(policy, {
    method: req.method ?? 'GET',
    origin: req.headers.origin,
    requestMethod: req.headers['access-control-request-method'],
    requestHeaders: req.headers['access-control-request-headers'],
  });
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (!answer.preflight) return false;
  res.statusCode = 204;
  res.setHeader('content-length', '0');
  res.end();
  return true;
}
