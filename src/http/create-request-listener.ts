import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import type { ConnectionGuard, Serve } from './connection-guard.js';
import { corsHeaders, type CorsPolicy } from './cors.js';
import { serveApi, type ApiServing } from './serve-api.js';

/** Serves one /__mock request (src/admin's router): `received` once its body is in, `done` once answered. */
export type ControlServing = (req: IncomingMessage, res: ServerResponse, received: () => void, done: () => void) => void;

export interface ListenerOptions<S> extends ApiServing<S> {
  readonly guard: ConnectionGuard;
  /** The control plane, served under /__mock. */
  readonly control?: ControlServing;
  /** Which browser origins get CORS headers on the Whop API paths; without it, none do. */
  readonly cors?: CorsPolicy;
  /** Which browser origins get CORS headers on /__mock; without it, none do. */
  readonly controlCors?: CorsPolicy;
}

/** `/__mock`, alone or followed by `/` or `?` (a string test: cheaper than a regexp on every request). */
function isControl(url: string): boolean {
  if (!url.startsWith('/__mock')) return false;
  const next = url.charCodeAt(7);
  return Number.isNaN(next) || next === 0x2f || next === 0x3f;
}

/**
 * The HTTP adapter. API requests go straight from node:http into the pipeline, which never
 * sees `req` or `res`; /__mock goes to the control plane's router. CORS runs first for both
 * (each with its own policy), and answers preflights on any path. Every request then waits for
 * the ones before it on its connection (see ConnectionGuard).
 */
export function createRequestListener<S>(options: ListenerOptions<S>): RequestListener {
  const control = options.control;
  return (req, res) => {
    const url = req.url ?? '/';
    const toControl = isControl(url);
    if (req.headers.origin !== undefined) {
      const policy = toControl ? options.controlCors : options.cors;
      if (policy && applyCors(policy, req, res)) return;
    }
    let serve: Serve;
    // Node answers a missing Host itself with a bare 400 unless told not to; the envelope instead.
    if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) serve = (received, done) => refuseHostless(res, received, done);
    else if (control && isBrowserAtRoot(req)) serve = (received, done) => toInspector(res, received, done);
    else if (toControl && control) serve = (received, done) => control(req, res, received, done);
    else serve = (received, done) => serveApi(options, req, res, received, done);
    options.guard.dispatch(req.socket, res, serve);
  };
}

/** `GET /` from a browser (it asks for HTML): the Whop API has nothing there, the inspector does. */
function isBrowserAtRoot(req: IncomingMessage): boolean {
  return (req.url === '/' || req.url === '/api/v1' || req.url === '/api/v1/') && (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
}

function toInspector(res: ServerResponse, received: () => void, done: () => void): void {
  received();
  res.writeHead(302, { location: '/__mock/', 'content-length': '0', 'cache-control': 'no-store' });
  res.end();
  done();
}

function refuseHostless(res: ServerResponse, received: () => void, done: () => void): void {
  received();
  const payload = JSON.stringify(renderError(errors.hostRequired()));
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), connection: 'close' });
  res.end(payload);
  done();
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
