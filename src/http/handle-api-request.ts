import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate } from '../auth/authenticate.js';
import { anonymous, type Principal } from '../auth/principal.js';
import { ApiError, renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import type { HandlerResult } from '../handlers/handler.js';
import type { Operation } from '../openapi/compile-operations.js';
import { isPromise } from '../sessions/maybe-promise.js';
import { sessionName } from '../sessions/session-name.js';
import { checkPreferences } from '../simulation/check-preferences.js';
import { parsePrefer } from '../simulation/parse-prefer.js';
import { planResponse, type Answer } from '../simulation/plan-response.js';
import { parseQuery } from '../validation/parse-query.js';
import { validateRequest, type RequestInput } from '../validation/validate-request.js';
import { finishResponse } from './finish-response.js';
import { parseBody } from './parse-body.js';
import type { ApiRequest, ApiResponse, Outcome, Pipeline, PipelineSession } from './pipeline.js';

/**
 * The request's one-way path: session -> parse body -> pick version -> route -> authenticate ->
 * validate request -> simulation (Prefer, faults, delay) -> handler (or Prism) -> project into
 * the served version -> validate response -> journal. Every outcome, including every failure,
 * leaves here as an ApiResponse; nothing throws out.
 */
export async function handleApiRequest<S>(pipeline: Pipeline<S>, request: ApiRequest): Promise<ApiResponse> {
  const receivedAt = Date.now();
  const started = performance.now();
  let session: PipelineSession<S>;
  try {
    const opened = pipeline.sessionFor(sessionName(request.headers['x-mock-session']));
    session = isPromise(opened) ? await opened : opened;
  } catch (error) {
    // No session to act on, so nothing to journal into either. The error's own headers go out
    // (Retry-After on a store outage).
    const apiError = error instanceof ApiError ? error : crash(pipeline, error, request);
    const outcome = { status: apiError.status, body: renderError(apiError), headers: { ...apiError.headers }, version: null, operation: null, query: null, principal: anonymous, faultId: null, dropped: false, bodyText: undefined };
    return finishResponse(pipeline, request, outcome).response;
  }
  const outcome = await respond(pipeline, request, session);
  const { response, validation } = outcome.dropped ? { response: dropped(outcome), validation: null } : finishResponse(pipeline, request, mockLevel(outcome));
  response.headers['x-mock-session'] = session.name;
  if (outcome.mockLevel === true) response.operationId = outcome.operation?.operationId ?? null;
  const lookup = pipeline.tokenLookup(session.state);
  const recorded = session.extras.journal.record({
    receivedAt,
    method: request.method,
    path: request.path,
    search: request.search,
    query: outcome.query,
    headers: request.headers,
    rawBody: request.rawBody,
    bodyJson: outcome.bodyText,
    tokenKind: (token) => lookup(token)?.kind,
    operationId: response.operationId,
    template: outcome.operation?.path ?? null,
    version: response.version,
    status: response.dropped ? null : response.status,
    responsePayload: response.dropped ? undefined : response.payload,
    validation,
    faultId: outcome.faultId,
    durationMs: performance.now() - started,
  });
  // A journal kept elsewhere has the entry before the client has the answer: a test reading the
  // journal through another replica right after sees it.
  if (isPromise(recorded)) await recorded;
  return response;
}

/**
 * An error about the mock itself (its store down, a session over its byte budget) is checked
 * against the generic Whop envelope, as an unknown route is, and never reported as a contract
 * violation of the operation that happened to be called; the operation is still named.
 */
function mockLevel(outcome: Outcome): Outcome {
  return outcome.mockLevel === true ? { ...outcome, operation: null } : outcome;
}

async function respond<S>(pipeline: Pipeline<S>, request: ApiRequest, session: PipelineSession<S>): Promise<Outcome> {
  let version: string | null = null;
  let operation: Operation | null = null;
  let query: Record<string, unknown> | null = null;
  let principal: Principal = anonymous;
  let faultId: string | null = null;
  let bodyText: string | undefined;
  try {
    const parsed = parseBody(request.rawBody, request.headers['content-type'], pipeline.maxJsonDepth);
    bodyText = parsed?.text;
    version = pipeline.selectVersion(request.headers['api-version-date']);
    const route = pipeline.routes.get(version)?.match(request.method, request.path) ?? { kind: 'not-found' as const };
    if (route.kind === 'not-found') throw errors.routeNotFound(request.method, request.path);
    if (route.kind === 'method-not-allowed') throw errors.methodNotAllowed(request.method, request.path, route.allowed);
    operation = route.operation;
    // Parsed once, as the operation reads it; the journal keeps this same object.
    query = parseQuery(request.search, operation.parameters);
    principal = authenticate(operation, request.headers.authorization, pipeline.tokenLookup(session.state));
    const input = validateRequest(operation, pipeline.validators.for(operation), {
      path: route.pathParams,
      query,
      headers: request.headers as Record<string, string>,
      body: parsed?.value,
    });
    // Control comes after authentication and validation, as Prism's Prefer does: a forced
    // status or a fault never answers a request the real API would have refused.
    const preferences = checkPreferences(operation, parsePrefer(request.headers.prefer, pipeline.maxDelayMs));
    const taken = session.extras.faults.take({ operationId: operation.operationId, method: operation.method, template: operation.path, path: request.path });
    const fault = isPromise(taken) ? await taken : taken;
    const plan = planResponse(preferences, fault, operation.operationId in pipeline.handlers, pipeline.maxDelayMs);
    faultId = plan.faultId;
    if (plan.delayMs > 0) await delay(plan.delayMs, pipeline.stopping);
    if (plan.answer.kind === 'drop') return { status: 0, body: undefined, headers: {}, version, operation, query, principal, faultId, dropped: true, bodyText };
    const planned = plan.answer;
    const run = () => answer(pipeline, request, session, operation as Operation, input, principal, planned);
    const result = session.transact === undefined ? await run() : await session.transact(run);
    return { status: result.status, body: result.body, headers: {}, version, operation, query, principal, faultId, dropped: false, bodyText };
  } catch (error) {
    const apiError = error instanceof ApiError ? error : crash(pipeline, error, request);
    return { status: apiError.status, body: renderError(apiError), headers: { ...apiError.headers }, version, operation, query, principal, faultId, dropped: false, bodyText, mockLevel: apiError.mockLevel };
  }
}

/**
 * Waits out a Prefer or fault delay, unless the server starts to shut down: then the request is
 * answered at once (as planned, only sooner), so a stop never has to choose between waiting up
 * to the delay cap and cutting the request.
 */
async function delay(ms: number, stopping: AbortSignal): Promise<void> {
  if (stopping.aborted) return;
  try {
    await sleep(ms, undefined, { signal: stopping });
  } catch {
    // Aborted by shutdown: answer now.
  }
}

async function answer<S>(
  pipeline: Pipeline<S>,
  request: ApiRequest,
  session: PipelineSession<S>,
  operation: Operation,
  input: RequestInput,
  principal: Principal,
  plan: Exclude<Answer, { kind: 'drop' }>,
): Promise<HandlerResult> {
  if (plan.kind === 'error') throw plan.error;
  if (plan.kind === 'body') return { status: plan.status, body: structuredClone(plan.body) };
  const handler = pipeline.handlers[operation.operationId];
  if (plan.kind === 'normal' && handler) {
    const body = input.body as Record<string, unknown> | undefined;
    return handler({ operationId: operation.operationId, path: input.path, query: input.query, body, principal, state: session.state, declared: operation.declared });
  }
  // The route table forgives a trailing slash (`/users/`); Prism's router does not.
  const path = request.path.length > 1 ? request.path.replace(/\/+$/, '') : request.path;
  const fallbackRequest = { method: request.method, path, query: input.query as Record<string, string>, headers: input.headers, body: input.body };
  return pipeline.fallback.respond(operation, fallbackRequest, plan.kind === 'spec' ? plan.choice : {});
}

function crash<S>(pipeline: Pipeline<S>, error: unknown, request: ApiRequest): ApiError {
  pipeline.onCrash(error, request);
  return errors.internal();
}

function dropped(outcome: Outcome): ApiResponse {
  return { status: 0, body: undefined, headers: {}, version: outcome.version, operationId: outcome.operation?.operationId ?? null, violation: null, dropped: true, payload: '' };
}
