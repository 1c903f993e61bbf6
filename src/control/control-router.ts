import type { CoreRequest, CoreResponse } from '../kernel/core-request.js';
import { ApiError, renderError } from '../kernel/api-error.js';
import { errors } from '../kernel/catalogue.js';
import { firstValue } from '../kernel/header-value.js';
import { parseBody } from '../kernel/parse-body.js';
import { sessionName } from '../state/session-name.js';
import type { ControlCaller } from './control-access.js';
import type { ControlPlane } from './control-plane.js';
import { controlRoutes, type ControlReply } from './control-routes.js';

export interface ControlRouterOptions {
  readonly plane: ControlPlane;
  /** Throws the 401/403 ApiError for a caller who may not use /__mock. */
  readonly access: (caller: ControlCaller) => void;
  readonly maxJsonDepth: number;
  /** Most records or journal entries in one page (and the default page). */
  readonly pageMax: number;
  /** Called when an endpoint throws something that is not an ApiError (a bug). */
  readonly onCrash: (error: unknown, method: string, path: string) => void;
}

/**
 * The /__mock router: the gate first (unless the route is open), then the route, 405 with Allow
 * for a known path, else 404. HEAD is GET without a body; a trailing slash is ignored; paths are
 * case-sensitive. `path` is below /__mock; `search` has no `?`.
 */
export function controlRouter(options: ControlRouterOptions): (request: CoreRequest, path: string, search: string) => Promise<CoreResponse> {
  return async (request, rawPath, search) => {
    const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath || '/';
    const head = request.method === 'HEAD';
    const method = head ? 'GET' : request.method;
    const matches = controlRoutes.map((route) => ({ route, params: matchPath(route.path, path) })).filter((m) => m.params !== undefined);
    const matched = matches.find((candidate) => candidate.route.method === method);
    try {
      if (matched?.route.open !== true) options.access(callerOf(request));
      if (matched === undefined) {
        if (matches.length > 0) throw errors.methodNotAllowed(request.method, `/__mock${path}`, matches.map((m) => m.route.method));
        throw errors.controlRouteNotFound(request.method, path);
      }
      const name = sessionName(request.headers['x-mock-session']);
      const body = parseBody(request.body, firstValue(request.headers['content-type']), options.maxJsonDepth)?.value;
      const query = new URLSearchParams(search);
      const { plane, pageMax } = options;
      const baseUrl = `http://${firstValue(request.headers.host) ?? 'localhost'}`;
      const context = { plane, session: () => plane.control(name), stored: () => plane.stored(name), body, query, pageMax, params: matched.params ?? {}, baseUrl };
      return replyOf(await matched.route.run(context), { 'x-mock-session': name }, head);
    } catch (error) {
      if (!(error instanceof ApiError)) options.onCrash(error, request.method, path);
      const apiError = error instanceof ApiError ? error : errors.internal();
      return replyOf({ status: apiError.status, body: renderError(apiError) }, { ...apiError.headers }, head);
    }
  };
}

function callerOf(request: CoreRequest): ControlCaller {
  return { authorization: firstValue(request.headers.authorization), peer: request.peer, origin: firstValue(request.headers.origin), host: firstValue(request.headers.host) };
}

function replyOf(reply: ControlReply, extra: Record<string, string>, head: boolean): CoreResponse {
  const headers: Record<string, string | number> = { ...extra, 'cache-control': 'no-store', ...('text' in reply ? reply.headers : {}) };
  headers['content-type'] = 'text' in reply ? reply.contentType : 'application/json; charset=utf-8';
  // Sent in pieces as it is made: its length is not known in advance.
  if ('chunks' in reply) return { status: reply.status, headers, body: head ? '' : reply.chunks };
  const payload = 'text' in reply ? reply.text : 'json' in reply ? reply.json : JSON.stringify(reply.body);
  headers['content-length'] = Buffer.byteLength(payload);
  return { status: reply.status, headers, body: head ? '' : payload };
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
