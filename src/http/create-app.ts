import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { corsHeaders, type CorsPolicy } from '../control/cors.js';
import { ApiError, renderError } from '../errors/api-error.js';
import { handleApiRequest, type ApiRequest, type ApiResponse, type Pipeline } from './handle-api-request.js';
import type { Logger } from './logger.js';
import { readBody } from './read-body.js';

export interface AppOptions<S> {
  pipeline: Pipeline<S>;
  logger: Logger;
  bodyLimit: number;
  /** Mounted under /__mock before the API (the control plane). */
  control?: express.Router;
  /** Which browser origins get CORS headers; without it, none do. */
  cors?: CorsPolicy;
}

/** The official SDK's base URL ends in /api/v1; the mock answers there and at the root. */
const PREFIX = /^\/api\/v1(?=\/|$)/;

/**
 * The HTTP adapter: Express only carries bytes in and out. Everything a request means happens in
 * handleApiRequest, which never sees `req` or `res`.
 */
export function createApp<S>(options: AppOptions<S>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', false);
  const cors = options.cors;
  if (cors) app.use((req, res, next) => applyCors(cors, req, res, next));
  if (options.control) app.use('/__mock', options.control);
  app.use((req, res) => {
    void serveApi(options, req, res);
  });
  return app;
}

async function serveApi<S>(options: AppOptions<S>, req: Request, res: Response): Promise<void> {
  const started = process.hrtime.bigint();
  const url = req.originalUrl;
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const request: ApiRequest = {
    method: req.method,
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

function write(res: Response, response: ApiResponse): void {
  if (res.headersSent) return;
  const payload = response.body === undefined ? '' : JSON.stringify(response.body);
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(payload));
  res.end(payload);
}

/** Preflights end here with 204 (on any path, /__mock included); other requests carry on. */
function applyCors(policy: CorsPolicy, req: Request, res: Response, next: NextFunction): void {
  const answer = corsHeaders(policy, {
    method: req.method,
    origin: req.headers.origin,
    requestMethod: req.headers['access-control-request-method'],
    requestHeaders: req.headers['access-control-request-headers'],
  });
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (!answer.preflight) return next();
  res.status(204).setHeader('content-length', '0');
  res.end();
}
