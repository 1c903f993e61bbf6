import { errorCode, renderError, type ApiError } from '../kernel/api-error.js';
import { errors } from '../kernel/catalogue.js';
import { firstValue } from '../kernel/header-value.js';
import { handleApiRequest } from '../pipeline/handle-api-request.js';
import type { ApiResponse, Pipeline } from '../pipeline/pipeline.js';
import { sentHeaders } from '../pipeline/finish-response.js';
import type { Core, CoreRequest, CoreResponse } from '../kernel/core-request.js';
import { corsHeaders, type CorsPolicy } from './cors.js';
import { targetProblem } from './request-target.js';

export interface CoreParts {
  /** The pipeline of the world served now (a request keeps the one it began with). */
  readonly pipeline: () => Pipeline;
  /** The control plane's router: a request below /__mock, its path below it and its query string. */
  readonly control: (request: CoreRequest, path: string, search: string) => Promise<CoreResponse>;
  /** Which browser origins get CORS headers on the Whop API paths, and on /__mock. */
  readonly cors: CorsPolicy;
  readonly controlCors: CorsPolicy;
}

/**
 * The mock as one function: CORS first (a preflight ends there, 204), `GET /` from a browser to the
 * inspector, `/__mock` to the control plane, anything else to the API (at `/api/v1` or the root).
 */
export function createCore(parts: CoreParts): Core {
  return async (request) => {
    const queryAt = request.url.indexOf('?');
    const path = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
    const toControl = isBelow(path, '/__mock');
    const origin = request.headers.origin;
    const cors = typeof origin === 'string' ? corsHeaders(toControl ? parts.controlCors : parts.cors, {
      method: request.method,
      origin,
      requestMethod: firstValue(request.headers['access-control-request-method']),
      requestHeaders: firstValue(request.headers['access-control-request-headers']),
    }) : undefined;
    if (cors?.preflight) return { status: 204, headers: { ...cors.headers, 'content-length': '0' }, body: '' };
    // A browser at the root, or at /__mock without its slash, is sent to the inspector (whose links are relative).
    const inspector = isBrowserPage(request, path) ? { status: 302, headers: { location: `${request.base ?? ''}/__mock/`, 'content-length': '0', 'cache-control': 'no-store' }, body: '' } : undefined;
    if (inspector === undefined && !toControl) return answerApi(parts, request, path, search, cors?.headers);
    const response = inspector ?? (await parts.control(request, path.slice('/__mock'.length), search));
    return cors === undefined ? response : { ...response, headers: { ...cors.headers, ...response.headers } };
  };
}

/**
 * A Whop API request: only an origin-form path without dot segments (anything else could reach an
 * upstream above its base path) is one, else a 400 before any session. CORS headers go with the
 * request, so the answer and its journal entry carry them.
 */
async function answerApi(parts: CoreParts, request: CoreRequest, path: string, search: string, coreHeaders: Readonly<Record<string, string>> | undefined): Promise<CoreResponse> {
  const problem = targetProblem(request.url);
  if (problem !== undefined) {
    const refused = envelope(errors.targetInvalid(problem));
    return coreHeaders === undefined ? refused : { ...refused, headers: { ...coreHeaders, ...refused.headers } };
  }
  const { method, headers, body } = request;
  return api(await handleApiRequest(parts.pipeline(), { method, path: withoutPrefix(path) || '/', search, headers, rawBody: body, client: request, coreHeaders }));
}

/** An error answered before the pipeline; the connection closes after it. */
export function envelope(error: ApiError): CoreResponse {
  const payload = JSON.stringify(renderError(error));
  return { status: error.status, headers: { ...error.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) }, body: payload, close: true, log: { version: null, operationId: null, code: error.code ?? undefined, violation: undefined } };
}

function api(response: ApiResponse): CoreResponse {
  const log = {
    version: response.version,
    operationId: response.operationId,
    code: response.status >= 400 ? errorCode(response.body) : undefined,
    violation: response.violation === null ? undefined : `${response.violation.pointer || '/'} ${response.violation.rule}`,
  };
  if (response.dropped) return { status: 0, headers: {}, body: '', dropped: true, log };
  // Made once by the pipeline (the journal keeps them): the upstream's as they came in proxy mode, plus the mock's own.
  const headers = response.sent ?? sentHeaders(response, undefined);
  return { status: response.status, headers, body: response.raw ? response.raw.bytes : response.payload, log };
}

/** The 7-character prefix, alone or followed by `/` (a string test: cheaper than a regexp on every request). */
function isBelow(path: string, prefix: '/__mock' | '/api/v1'): boolean {
  return path.startsWith(prefix) && (path.length === 7 || path.charCodeAt(7) === 0x2f);
}

/** The official SDK's base URL ends in /api/v1; the mock answers there and at the root. */
function withoutPrefix(path: string): string {
  return isBelow(path, '/api/v1') ? path.slice(7) : path;
}

/** `GET /` (or `/__mock`) from a browser (it asks for HTML): the Whop API has nothing there, the inspector does. */
function isBrowserPage(request: CoreRequest, path: string): boolean {
  return (path === '/' || path === '/api/v1' || path === '/api/v1/' || path === '/__mock') && (request.method === 'GET' || request.method === 'HEAD') && (firstValue(request.headers.accept) ?? '').includes('text/html');
}
