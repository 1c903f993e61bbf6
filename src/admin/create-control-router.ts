import express, { type Request, type Response } from 'express';
import { ApiError, renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import { parseBody } from '../http/parse-body.js';
import { readBody } from '../http/read-body.js';
import { sessionName } from '../sessions/session-name.js';
import type { ControlCaller } from './control-access.js';
import type { ControlPlane } from './control-plane.js';
import { controlRoutes, type ControlReply, type ControlRoute } from './control-routes.js';

export interface ControlRouterOptions {
  readonly plane: ControlPlane;
  /** Throws the 401/403 ApiError for a caller who may not use /__mock. */
  readonly access: (caller: ControlCaller) => void;
  readonly bodyLimit: number;
  /** Called when an endpoint throws something that is not an ApiError (a bug). */
  readonly onCrash: (error: unknown, method: string, path: string) => void;
}

/**
 * The /__mock router, built from the route table: the gate (admin token / loopback) first, then
 * one Express route per table entry, then 405 for a known path with another method and a 404
 * envelope for anything else. Every answer is JSON; every error is the Whop envelope.
 */
export function createControlRouter(options: ControlRouterOptions): express.Router {
  const router = express.Router({ strict: false, caseSensitive: true });
  router.use((req, res, next) => {
    // Express answers HEAD with the GET route, so HEAD /__mock/health is open too.
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const open = controlRoutes.some((route) => route.open === true && route.method === method && route.path === trimSlash(req.path));
    if (open) return next();
    try {
      options.access({ authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress });
      next();
    } catch (error) {
      send(res, failure(options, error, req));
    }
  });
  for (const route of controlRoutes) {
    const method = route.method === 'GET' ? 'get' : route.method === 'POST' ? 'post' : 'delete';
    router[method](route.path, (req, res) => void serve(options, route, req, res));
  }
  router.use((req, res) => {
    const allowed = controlRoutes.filter((route) => route.path === trimSlash(req.path)).map((route) => route.method);
    const error = allowed.length > 0 ? errors.methodNotAllowed(req.method, `/__mock${req.path}`, allowed) : errors.controlRouteNotFound(req.method, req.path);
    send(res, { reply: { status: error.status, body: renderError(error) }, headers: { ...error.headers } });
  });
  return router;
}

async function serve(options: ControlRouterOptions, route: ControlRoute, req: Request, res: Response): Promise<void> {
  try {
    const name = sessionName(req.headers['x-mock-session']);
    const body = parseBody(await readBody(req, options.bodyLimit), req.headers['content-type']);
    const url = req.originalUrl;
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    const reply = route.run({ plane: options.plane, session: () => options.plane.session(name), body, query });
    send(res, { reply, headers: { 'x-mock-session': name } });
  } catch (error) {
    send(res, failure(options, error, req));
  }
}

function failure(options: ControlRouterOptions, error: unknown, req: Request): { reply: ControlReply; headers: Record<string, string> } {
  if (!(error instanceof ApiError)) options.onCrash(error, req.method, req.originalUrl);
  const apiError = error instanceof ApiError ? error : errors.internal();
  return { reply: { status: apiError.status, body: renderError(apiError) }, headers: { ...apiError.headers } };
}

function send(res: Response, { reply, headers }: { reply: ControlReply; headers: Record<string, string> }): void {
  if (res.headersSent) return;
  const payload = JSON.stringify(reply.body);
  res.status(reply.status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(payload));
  res.setHeader('cache-control', 'no-store');
  res.end(payload);
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
