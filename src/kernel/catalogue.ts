import { ApiError } from './api-error.js';

type Extra = Partial<Pick<ApiError, 'param' | 'headers' | 'mockLevel'>>;

// The status and type most entries share, named once.
const invalidRequest = (code: string, message: string, extra: Extra = {}) => new ApiError({ status: 400, type: 'invalid_request_error', code, message, ...extra });
const forbidden = (code: string, message: string, extra: Extra = {}) => new ApiError({ status: 403, type: 'forbidden', code, message, ...extra });
const notFound = (code: string, message: string, extra: Extra = {}) => new ApiError({ status: 404, type: 'not_found', code, message, ...extra });
const upstreamError = (status: number, code: string, message: string) => new ApiError({ status, type: 'mock_upstream_error', code, message, mockLevel: true });

/** Every user-visible error message, in one place (as stripe-mock): call sites pick an entry, never build one. */
export const errors = {
  invalidJson: (detail: string) => invalidRequest('invalid_json', `The request body is not valid JSON: ${detail}`),
  unsupportedMediaType: (contentType: string) =>
    invalidRequest('parameter_invalid', `Request bodies must be application/json, got "${contentType}".`, { param: 'Content-Type' }),
  parameterMissing: (param: string) => invalidRequest('parameter_missing', `Missing required parameter: ${param}.`, { param }),
  parameterInvalid: (param: string, reason: string) => invalidRequest('parameter_invalid', `Invalid parameter ${param}: ${reason}.`, { param }),
  unknownParameter: (param: string) =>
    invalidRequest('parameter_invalid', `Unknown parameter: ${param}. It is not part of this operation in the requested API version.`, { param }),
  unrecognizedVersion: (value: string, recognized: readonly string[], oldest: string) =>
    invalidRequest('invalid_api_version', `Api-Version-Date "${printable(value)}" is not a recognized API version. Recognized: ${recognized.join(', ')} (no header: ${oldest}).`, { param: 'Api-Version-Date' }),
  badVersion: (value: string, reason: string) =>
    invalidRequest('invalid_api_version', `Api-Version-Date "${printable(value)}" is not accepted: ${reason}.`, { param: 'Api-Version-Date' }),
  unauthorized: (reason: string) =>
    new ApiError({ status: 401, type: 'unauthorized', code: 'unauthorized', message: reason }),
  missingScope: (scope: string) => forbidden('missing_scope', `This token is missing the required scope: ${scope}.`, { param: scope }),
  notFound: (what: string, id: string, param: string | null = 'id') => notFound('resource_not_found', `No ${what} found with id "${id}".`, { param }),
  routeNotFound: (method: string, path: string) => notFound('route_not_found', `No operation matches ${method} ${path}.`),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new ApiError({ status: 405, type: 'invalid_request_error', code: 'method_not_allowed', message: `${method} is not allowed on ${path}. Allowed: ${allowed.join(', ')}.`, headers: { allow: allowed.join(', ') } }),
  malformedRequest: (parserCode: string) =>
    invalidRequest('malformed_request', `The request is not valid HTTP (${parserCode}); check its framing (Content-Length or chunked encoding).`),
  headersTooLarge: () =>
    new ApiError({ status: 431, type: 'invalid_request_error', code: 'headers_too_large', message: 'The request headers are too large.' }),
  payloadTooLarge: (limit: number) =>
    new ApiError({ status: 413, type: 'invalid_request_error', code: 'payload_too_large', message: `The request body is larger than the ${limit} byte limit.` }),
  jsonTooDeep: (limit: number) =>
    invalidRequest('json_too_deep', `The request body nests objects and arrays more than ${limit} levels deep (the limit; --max-json-depth).`, { param: 'body' }),
  targetInvalid: (problem: string) =>
    invalidRequest('invalid_path', `The request target ${problem}: send a path such as /users/me, without "." or ".." segments.`),
  expectationFailed: (expect: string) =>
    new ApiError({ status: 417, type: 'invalid_request_error', code: 'expectation_failed', param: 'Expect', message: `Expect "${printable(expect)}" cannot be met: the only expectation served is 100-continue.` }),
  hostRequired: () => invalidRequest('host_required', 'An HTTP/1.1 request must send a Host header.', { param: 'Host' }),
  requestTimeout: () =>
    new ApiError({ status: 408, type: 'invalid_request_error', code: 'request_timeout', message: 'The request was not received in time (--headers-timeout-seconds, --request-timeout-seconds); send it again.' }),
  serverBusy: (reason: string) =>
    new ApiError({ status: 503, type: 'service_unavailable', code: 'mock_busy', message: `The mock is at a limit: ${reason}. Retry shortly.`, headers: { 'retry-after': '1' } }),
  meNeedsUserToken: () =>
    forbidden('user_token_required', '"me" means the user a user OAuth token acts for; API keys have no user of their own. Use a user id or username.', { param: 'id' }),
  ownProfileOnly: () => forbidden('forbidden', 'A user OAuth token can only update its own profile.', { param: 'id' }),
  otherAccount: (param: string, accountId: string) => forbidden('forbidden', `This API key does not belong to account "${accountId}".`, { param }),
  notOverridable: (param: string) =>
    invalidRequest('parameter_invalid', `${param} is part of the global profile; an account override can only set name and profile_picture.`, { param }),
  usernameTaken: (username: string) => invalidRequest('username_taken', `The username "${username}" is already taken.`, { param: 'username' }),
  unknownFile: (param: string, id: string) => invalidRequest('parameter_invalid', `No file found with id "${id}".`, { param }),
  ownAccessOnly: () => forbidden('forbidden', 'A user OAuth token can only check its own access.', { param: 'id' }),
  resourceOfOtherAccount: (resourceId: string) =>
    forbidden('forbidden', `The resource "${resourceId}" does not belong to this API key's account.`, { param: 'resource_id' }),
  verificationRequired: (field: string) =>
    new ApiError({ status: 422, type: 'verification_required', code: 'verification_required', param: field, message: `Verification required: identity verification must be approved before ${field} can be changed.` }),
  contractViolation: (pointer: string, rule: string) =>
    new ApiError({ status: 500, type: 'mock_contract_violation', code: 'response_invalid', param: pointer, message: `The mock produced a response that violates the spec at ${pointer || '/'}: ${rule}.` }),
  internal: (message = 'An unexpected error occurred.') =>
    new ApiError({ status: 500, type: 'internal_server_error', code: 'internal_error', message }),
  // Prism is an optional peer dependency: only operations the spec cannot answer need it.
  prismMissing: (operations: string) =>
    new ApiError({ status: 500, type: 'mock_prism_missing', code: 'prism_not_installed', message: `${operations}: only the Prism engine can answer (no stateful handler, spec example or data generated from a JSON schema does), and it is not installed; add it with: npm i -D @stoplight/prism-http`, mockLevel: true }),

  // Proxy mode: the upstream did not answer (mock-level errors, not the operation's).
  upstreamUnreachable: (detail: string) => upstreamError(502, 'upstream_unreachable', `The upstream could not be reached: ${detail}.`),
  upstreamConnectionLost: () => upstreamError(502, 'upstream_connection_lost', 'The upstream closed the connection before it finished answering.'),
  upstreamTooLarge: (limit: number) =>
    upstreamError(502, 'upstream_too_large', `The upstream's answer is larger than the ${limit} byte limit (--upstream-body-limit-bytes).`),
  upstreamTooLargeInflated: (limit: number, encoding: string) =>
    upstreamError(502, 'upstream_too_large', `The upstream's answer, decompressed (${printable(encoding)}), is larger than the ${limit} byte limit (--upstream-body-limit-bytes).`),
  upstreamInvalidResponse: (detail: string) => upstreamError(502, 'upstream_invalid_response', `The upstream's answer cannot be passed on: ${detail}.`),
  clientClosedRequest: () =>
    upstreamError(499, 'client_closed_request', 'The client closed the connection before the upstream answered; the request to the upstream was aborted.'),
  upstreamTimeout: (ms: number) => upstreamError(504, 'upstream_timeout', `The upstream did not answer within ${ms} ms (--upstream-timeout-ms).`),

  // The control plane (/__mock, X-Mock-Session, Prefer, faults).
  simulated: (status: number) => {
    const known = simulatedErrors[status] ?? { type: status < 500 ? 'invalid_request_error' : 'internal_server_error', code: `http_${status}`, message: `The request failed with status ${status}.` };
    return new ApiError({ status, ...known, headers: status === 429 ? { 'retry-after': '1' } : {} });
  },
  sessionNameInvalid: (reason: string) =>
    invalidRequest('mock_session_invalid', `X-Mock-Session ${reason}: use 1 to 100 of A-Z a-z 0-9 . _ : -.`, { param: 'X-Mock-Session' }),
  preferInvalid: (reason: string) => invalidRequest('mock_prefer_invalid', `Prefer header: ${reason}.`, { param: 'Prefer' }),
  preferCodeUndeclared: (code: number, operationId: string, declared: string[]) =>
    invalidRequest('mock_prefer_invalid', `Prefer header: ${operationId} does not declare status ${code} in this API version. Declared: ${declared.join(', ')}.`, { param: 'Prefer' }),
  preferExampleUnknown: (name: string, status: string, known: string[]) =>
    invalidRequest('mock_prefer_invalid', `Prefer header: the ${status} response has no example named "${name}". Examples: ${known.length > 0 ? known.join(', ') : '(none)'}.`, { param: 'Prefer' }),
  driftNeedsProxy: () =>
    notFound('mock_not_proxy', 'GET /__mock/drift reports what a proxy saw of its upstream; this server is a mock (start it with "whop-mock proxy --upstream <url>").'),
  controlRouteNotFound: (method: string, path: string) =>
    notFound('route_not_found', `No control endpoint matches ${method} /__mock${path}. See GET /__mock/health and the README.`),
  controlAdminTokenRequired: () =>
    new ApiError({ status: 401, type: 'unauthorized', code: 'mock_admin_token_required', message: 'The /__mock endpoints need "Authorization: Bearer <admin token>" (the server was started with --admin-token). Whop API tokens do not open them.' }),
  controlAdminThrottled: (limit: number, retryAfter: number) =>
    new ApiError({ status: 429, type: 'rate_limited', code: 'mock_admin_throttled', message: `Too many wrong admin tokens from this client (${limit} within a minute, --max-admin-failures). Retry after ${retryAfter} s.`, headers: { 'retry-after': String(retryAfter) } }),
  controlLoopbackOnly: () =>
    forbidden('mock_control_closed', 'The /__mock endpoints answer only loopback clients. Start the server with --admin-token (and send it as a bearer token) or --open-control.'),
  controlOriginRefused: (origin: string) =>
    forbidden('mock_control_origin_refused', `The /__mock endpoints do not answer pages from ${printable(origin)}: only loopback origins, or those listed with --control-origins.`, { param: 'Origin' }),
  controlHostRefused: (host: string) =>
    forbidden('mock_control_host_refused', `Without an admin token the /__mock endpoints answer only at a loopback host name, an IP address or a name listed in --control-hosts, not "${printable(host)}" (a guard against DNS rebinding). Use localhost or 127.0.0.1, list the name with --control-hosts, or start with --admin-token.`, { param: 'Host' }),
  recordInvalid: (kind: string, param: string, detail: string) =>
    invalidRequest('mock_record_invalid', `Invalid ${kind} record: ${detail}. Nothing was stored.`, { param }),
  faultNotFound: (id: string) =>
    notFound('mock_fault_not_found', `This session has no fault rule "${printable(id)}" (used up, removed, or from another session). See GET /__mock/faults.`, { param: 'id' }),
  reloadFailed: (message: string) =>
    new ApiError({ status: 422, type: 'invalid_request_error', code: 'mock_reload_failed', message: `Reload failed; still serving the previous specs and fixtures. ${message}` }),
  openapiVersionUnknown: (version: string, known: readonly string[]) =>
    notFound('resource_not_found', `No API version "${printable(version)}". Served: ${known.join(', ')} (add .yaml for YAML).`, { param: 'version' }),
  stateInvalid: (param: string, detail: string) => invalidRequest('mock_state_invalid', `Invalid world: ${detail}. Nothing was changed.`, { param }),

  // The store behind the sessions (--store), and what a session may hold in it.
  storeUnavailable: (detail: string) =>
    new ApiError({ status: 503, type: 'service_unavailable', code: 'mock_store_unavailable', message: `The mock's state store is unavailable (${detail}); nothing was changed. Retry shortly.`, headers: { 'retry-after': '1' }, mockLevel: true }),
  storeBusy: (attempts: number) =>
    new ApiError({ status: 503, type: 'service_unavailable', code: 'mock_store_busy', message: `Other replicas kept changing this session: the request was tried ${attempts} times and not applied. Retry shortly.`, headers: { 'retry-after': '1' }, mockLevel: true }),
  storeMismatch: (ours: string, theirs: string) =>
    new ApiError({ status: 503, type: 'service_unavailable', code: 'mock_store_mismatch', message: `The state store now holds another world (fingerprint ${theirs}; this replica serves ${ours}): another replica reloaded other specs or fixtures. This replica reloads its own to follow and serves again once they match; give it the same files (or restart it with the same specs, fixtures and generate options as the others).`, mockLevel: true }),
  sessionFull: (limit: number, bytes: number) =>
    new ApiError({ status: 413, type: 'invalid_request_error', code: 'mock_session_full', message: `This session's own records and fault rules would hold ${bytes} bytes, over its budget of ${limit} (--session-bytes); nothing was changed. Reset the session, remove fault rules, or raise the budget.`, mockLevel: true }),
  faultRulesFull: (max: number) =>
    new ApiError({ status: 413, type: 'invalid_request_error', code: 'mock_session_full', message: `This session already has ${max} fault rules, its limit (--max-fault-rules); nothing was changed. Remove some (DELETE /__mock/faults) or reset the session.`, mockLevel: true }),
  faultInvalid: (param: string, detail: string) => invalidRequest('mock_fault_invalid', `Invalid fault rule: ${param} ${detail}.`, { param }),
} as const;

/** A header value echoed in a message: at most 40 characters, control characters shown as `?`. */
function printable(value: string): string {
  const safe = value.replace(/[^\x20-\x7e]/g, '?');
  return safe.length > 40 ? `${safe.slice(0, 40)}…` : safe;
}

/** Whop-shaped envelopes for statuses a test forces without giving a body (seed 002 types). */
const simulatedErrors: Readonly<Record<number, { type: string; code: string; message: string }>> = {
  400: { type: 'invalid_request_error', code: 'invalid_request', message: 'The request was invalid.' },
  401: { type: 'unauthorized', code: 'unauthorized', message: 'Invalid or missing API key' },
  403: { type: 'forbidden', code: 'forbidden', message: 'You do not have permission to access this resource' },
  404: { type: 'not_found', code: 'resource_not_found', message: 'The requested resource was not found.' },
  409: { type: 'conflict', code: 'conflict', message: 'The request conflicts with the current state of the resource.' },
  422: { type: 'verification_required', code: 'verification_required', message: 'Verification required' },
  429: { type: 'rate_limited', code: 'rate_limited', message: 'Too many requests. Retry after a short wait.' },
  500: { type: 'internal_server_error', code: 'internal_error', message: 'An unexpected error occurred.' },
  502: { type: 'internal_server_error', code: 'bad_gateway', message: 'An upstream service returned an invalid response.' },
  503: { type: 'service_unavailable', code: 'service_unavailable', message: 'The service is temporarily unavailable. Retry later.' },
  504: { type: 'internal_server_error', code: 'gateway_timeout', message: 'An upstream service did not answer in time.' },
};
