import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import { parseBody } from '../http/parse-body.js';
import { readBody, type BodyBuffers } from '../http/read-body.js';
import { sessionName } from '../sessions/session-name.js';
import type { ControlCaller } from './control-access.js';
import type { ControlPlane } from './control-plane.js';
import { controlRoutes, type ControlReply } from './control-routes.js';
import { streamChunks } from './stream-chunks.js';

export interface ControlRouterOptions {
  readonly plane: ControlPlane;
  /** Throws the 401/403 ApiError for a caller who may not use /__mock. */
  readonly access: (caller: ControlCaller) => void;
  readonly bodyLimit: number;
  readonly bodyBuffers: BodyBuffers;
  readonly maxJsonDepth: number;
  /** Most records or journal entries in one page (and the default page). */
  readonly pageMax: number;
  /** A streamed answer the client reads none of for this long is cut off. */
  readonly stallMs: number;
  /** How clients reach this server, for the URLs an answer names (the served specs' `servers`). Default http. */
  readonly scheme?: 'http' | 'https';
  /** Called when an endpoint throws something that is not an ApiError (a bug). */
  readonly onCrash: (error: unknown, method: string, path: string) => void;
}

/**
 * Serves one /__mock request. `received` is called once the request is complete (its body read),
 * `done` once the answer is written or the client is gone.
 */
export type ControlHandler = (req: IncomingMessage, res: ServerResponse, received: () => void, done: () => void) => void;

/**
 * The /__mock router over the route table: the gate (origin, admin token, loopback) first, then
 * the route for the method and path, 405 with Allow for a known path with another method, and
 * a 404 envelope for anything else. HEAD is GET without a body. A trailing slash is ignored;
 * paths are case-sensitive. Every answer is JSON; every error is the Whop envelope.
 */
export function createControlRouter(options: ControlRouterOptions): ControlHandler {
  return (req, res, received, done) => void serve(options, req, res, received).then(done, (error: unknown) => {
    options.onCrash(error, req.method ?? '', req.url ?? '');
    res.destroy();
    done();
  });
}

async function serve(options: ControlRouterOptions, req: IncomingMessage, res: ServerResponse, received: () => void): Promise<void> {
  const url = req.url ?? '/__mock';
  const queryAt = url.indexOf('?');
  const path = trimSlash((queryAt === -1 ? url : url.slice(0, queryAt)).slice('/__mock'.length) || '/');
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const head = req.method === 'HEAD';
  const matches = controlRoutes.map((route) => ({ route, params: matchPath(route.path, path) })).filter((m) => m.params !== undefined);
  const onPath = matches.map((m) => m.route);
  const matched = matches.find((candidate) => candidate.route.method === method);
  const route = matched?.route;
  try {
    if (route?.open !== true) {
      options.access({ authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress, origin: req.headers.origin, host: req.headers.host });
    }
    if (route === undefined) {
      if (onPath.length > 0) throw errors.methodNotAllowed(req.method ?? '', `/__mock${path}`, onPath.map((r) => r.method));
      throw errors.controlRouteNotFound(req.method ?? '', path);
    }
    const name = sessionName(req.headers['x-mock-session']);
    const raw = await readBody(req, options.bodyLimit, options.bodyBuffers);
    received();
    const body = parseBody(raw, req.headers['content-type'], options.maxJsonDepth)?.value;
    const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
    const params = matched?.params ?? {};
    const baseUrl = `${options.scheme ?? 'http'}://${req.headers.host ?? 'localhost'}`;
    const reply = await route.run({ plane: options.plane, session: () => options.plane.control(name), stored: () => options.plane.stored(name), body, query, pageMax: options.pageMax, params, baseUrl });
    await send(res, reply, { 'x-mock-session': name }, head, options.stallMs);
  } catch (error) {
    if (!(error instanceof ApiError)) options.onCrash(error, req.method ?? '', url);
    const apiError = error instanceof ApiError ? error : errors.internal();
    received();
    await send(res, { status: apiError.status, body: renderError(apiError) }, { ...apiError.headers }, head, options.stallMs);
  }
}

async function send(res: ServerResponse, reply: ControlReply, headers: Record<string, string>, head: boolean, stallMs: number): Promise<void> {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('cache-control', 'no-store');
  if ('text' in reply) {
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    res.setHeader('content-type', reply.contentType);
    res.setHeader('content-length', Buffer.byteLength(reply.text));
    res.end(head ? undefined : reply.text);
    return;
  }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if ('chunks' in reply) {
    // Sent chunked as it is made: its length is not known in advance.
    if (head) res.end();
    else await streamChunks(res, reply.chunks, stallMs);
    return;
  }
  const payload = 'json' in reply ? reply.json : JSON.stringify(reply.body);
  res.setHeader('content-length', Buffer.byteLength(payload));
  res.end(head ? undefined : payload);
}

/** A route path against a request path: `{name}` matches one non-empty segment. The params, or undefined. */
function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  if (!pattern.includes('{')) return pattern === path ? {} : undefined;
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const part = want[i] as string;
    const value = got[i] as string;
    if (part.startsWith('{') && part.endsWith('}')) {
      if (value === '') return undefined;
      try {
        params[part.slice(1, -1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (part !== value) return undefined;
  }
  return params;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
