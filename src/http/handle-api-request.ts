import { authenticate } from '../auth/authenticate.js';
import { anonymous, type Principal } from '../auth/principal.js';
import { ApiError, renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import type { Operation } from '../openapi/compile-operations.js';
import { isPromise } from '../sessions/maybe-promise.js';
import { sessionName } from '../sessions/session-name.js';
import { checkPreferences } from '../simulation/check-preferences.js';
import { parsePrefer } from '../simulation/parse-prefer.js';
import { planResponse } from '../simulation/plan-response.js';
import { parseQuery } from '../validation/parse-query.js';
import { validateRequest } from '../validation/validate-request.js';
import { admitRequest, isForwardable, noteSecurity } from '../proxy/admit-request.js';
import type { ProxyFacts } from '../proxy/exchange.js';
import { finishProxied } from '../proxy/finish-proxied.js';
import { proxiedJournalFields } from '../proxy/proxy-journal.js';
import { answerStep, delay } from './answer-step.js';
import { finishResponse } from './finish-response.js';
import { parseBody } from './parse-body.js';
import { StaleAnswer } from './stale-answer.js';
import type { ApiRequest, ApiResponse, Outcome, Pipeline, PipelineSession } from './pipeline.js';

/** A request run again (StaleAnswer): on the session the store opens first, timed from its first run. */
interface Rerun<S> {
  readonly opened: Promise<PipelineSession<S>>;
  readonly receivedAt: number;
  readonly started: number;
}

/**
 * The request's one-way path: session -> parse body -> pick version -> route -> authenticate ->
 * validate request -> simulation (Prefer, faults, delay) -> answer (handler, Prism, spec, upstream) -> project into
 * the served version -> validate response -> journal. Every outcome, including every failure,
 * leaves here as an ApiResponse; nothing throws out. A store may let the request be answered
 * from its copy of the session and check that copy with the journal entry; when it was not
 * current, the request runs once more (`rerun`) on a session the store opens first.
 */
export async function handleApiRequest<S>(pipeline: Pipeline<S>, request: ApiRequest, rerun?: Rerun<S>): Promise<ApiResponse> {
  const receivedAt = rerun?.receivedAt ?? Date.now();
  const started = rerun?.started ?? performance.now();
  let session: PipelineSession<S>;
  try {
    const opened = rerun?.opened ?? pipeline.sessionFor(sessionName(request.headers['x-mock-session']));
    session = isPromise(opened) ? await opened : opened;
  } catch (error) {
    return unopened(pipeline, request, error);
  }
  try {
    const outcome = await respond(pipeline, request, session);
    const upstream = outcome.proxy?.upstream;
    const { response, validation } = outcome.dropped ? { response: dropped(outcome), validation: null } : upstream ? finishProxied(pipeline, outcome, upstream) : finishResponse(pipeline, request, mockLevel(outcome));
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
      ...(outcome.proxy ? proxiedJournalFields(outcome.proxy, request.rawBody, outcome.bodyText, response) : {}),
    });
    if (outcome.proxy) observe(pipeline, request, outcome, outcome.proxy, response);
    // A journal kept elsewhere has the entry before the client has the answer: a test reading the
    // journal through another replica right after sees it.
    if (isPromise(recorded)) await recorded;
    return response;
  } catch (error) {
    if (!(error instanceof StaleAnswer)) throw error;
    // A session opened first is never refuted: a second StaleAnswer is a bug, answered as a busy store.
    if (rerun !== undefined) return unopened(pipeline, request, errors.storeBusy(2));
    return handleApiRequest(pipeline, request, { opened: error.reopen() as Promise<PipelineSession<S>>, receivedAt, started });
  }
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
  // Proxy mode: tokens are not looked up, refusals are noted and forwarded (see src/proxy).
  const facts: ProxyFacts | undefined = pipeline.proxy ? { refusal: null, securityMissing: false, upstream: null } : undefined;
  let admitted = false;
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
    if (facts) noteSecurity(operation, request.headers.authorization, facts);
    else principal = authenticate(operation, request.headers.authorization, pipeline.tokenLookup(session.state));
    const raw = { path: route.pathParams, query, headers: request.headers as Record<string, string>, body: parsed?.value };
    const validators = pipeline.validators.for(operation);
    const input = facts ? admitRequest(operation, validators, raw, facts, pipeline.proxy?.rejectInvalid ?? false) : validateRequest(operation, validators, raw);
    admitted = true;
    // Control comes after authentication and validation, as Prism's Prefer does: a forced
    // status or a fault never answers a request the real API would have refused.
    const preferences = checkPreferences(operation, parsePrefer(request.headers.prefer, pipeline.maxDelayMs));
    const taken = session.extras.faults.take({ operationId: operation.operationId, method: operation.method, template: operation.path, path: request.path });
    const fault = isPromise(taken) ? await taken : taken;
    const plan = planResponse(preferences, fault, facts !== undefined || operation.operationId in pipeline.handlers, pipeline.maxDelayMs);
    faultId = plan.faultId;
    if (plan.delayMs > 0) await delay(plan.delayMs, pipeline.stopping);
    if (plan.answer.kind === 'drop') return { status: 0, body: undefined, headers: {}, version, operation, query, principal, faultId, dropped: true, bodyText, ...(facts && { proxy: facts }) };
    const planned = plan.answer;
    const admittedOperation = operation;
    // The call is built inside the transaction: a store that reloads the session's state for it
    // (Redis) hands the handler the state it just read.
    const run = () => answerStep(pipeline, { request, operation: admittedOperation, input, principal, state: session.state }, planned);
    const result = session.transact === undefined ? await run() : await session.transact(run);
    if (facts) facts.upstream = result.upstream ?? null;
    return { status: result.status, body: result.body, headers: {}, version, operation, query, principal, faultId, dropped: false, bodyText, ...(facts && { proxy: facts }) };
  } catch (error) {
    if (error instanceof StaleAnswer) throw error;
    const apiError = error instanceof ApiError ? error : crash(pipeline, error, request);
    // Proxy mode: a request the spec refuses before it reaches an operation (unknown route or
    // version, unreadable body) is forwarded as it came, and noted.
    if (facts && pipeline.proxy && !admitted && !pipeline.proxy.rejectInvalid && isForwardable(apiError)) {
      facts.refusal = apiError;
      const result = await pipeline.proxy.forward(request);
      facts.upstream = result.upstream ?? null;
      return { status: result.status, body: result.body, headers: {}, version, operation, query, principal, faultId, dropped: false, bodyText, proxy: facts };
    }
    return { status: apiError.status, body: renderError(apiError), headers: { ...apiError.headers }, version, operation, query, principal, faultId, dropped: false, bodyText, mockLevel: apiError.mockLevel, ...(facts && { proxy: facts }) };
  }
}

/** Proxy mode: the drift report and the recording learn from every finished exchange. */
function observe<S>(pipeline: Pipeline<S>, request: ApiRequest, outcome: Outcome, facts: ProxyFacts, response: ApiResponse): void {
  pipeline.proxy?.observe({
    method: request.method,
    path: request.path,
    search: request.search,
    authorization: request.headers.authorization,
    version: outcome.version,
    operation: outcome.operation,
    facts,
    status: response.dropped ? 0 : response.status,
    violation: response.violation,
    at: Date.now(),
  });
}

function crash<S>(pipeline: Pipeline<S>, error: unknown, request: ApiRequest): ApiError {
  pipeline.onCrash(error, request);
  return errors.internal();
}

function dropped(outcome: Outcome): ApiResponse {
  return { status: 0, body: undefined, headers: {}, version: outcome.version, operationId: outcome.operation?.operationId ?? null, violation: null, dropped: true, payload: '' };
}

/** No session to act on, so nothing to journal into either. The error's own headers go out (Retry-After on a store outage). */
function unopened<S>(pipeline: Pipeline<S>, request: ApiRequest, error: unknown): ApiResponse {
  const apiError = error instanceof ApiError ? error : crash(pipeline, error, request);
  const outcome = { status: apiError.status, body: renderError(apiError), headers: { ...apiError.headers }, version: null, operation: null, query: null, principal: anonymous, faultId: null, dropped: false, bodyText: undefined };
  return finishResponse(pipeline, request, outcome).response;
}

