import { anonymous, type Principal } from '../domain/principal.js';
import { ApiError, renderError } from '../kernel/api-error.js';
import { errors } from '../kernel/catalogue.js';
import { firstValue } from '../kernel/header-value.js';
import { isObject } from '../kernel/json-pointer.js';
import { parseBody } from '../kernel/parse-body.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { FaultTarget } from '../state/fault-list.js';
import type { StoredSession } from '../state/session-store.js';
import { parseQuery } from '../validation/parse-query.js';
import type { SourceCall, SourceResult } from './answer-source.js';
import { checkPreferences, parsePrefer } from './parse-prefer.js';
import type { ApiRequest, Outcome, Pipeline, RequestNotes } from './pipeline.js';
import { planResponse, type Answer } from './plan-response.js';

/**
 * Everything up to the answer: parse body -> version -> route -> principal -> admit -> Prefer,
 * faults, delay -> answer (inside the session's transaction). Every failure becomes the outcome's
 * status and envelope; nothing throws out.
 */
export async function decideAnswer(pipeline: Pipeline, request: ApiRequest, session: StoredSession, notes: RequestNotes): Promise<Outcome> {
  const outcome: Outcome = { status: 0, body: undefined, headers: {}, version: null, operation: null, query: null, principal: anonymous, faultId: null, faultStep: null, dropped: false, bodyText: undefined };
  let admitted = false;
  try {
    const parsed = parseBody(request.rawBody, firstValue(request.headers['content-type']), pipeline.maxJsonDepth);
    outcome.bodyText = parsed?.text;
    if (isObject(parsed?.value)) outcome.bodyFields = Object.keys(parsed.value);
    const version = (outcome.version = pipeline.selectVersion(firstValue(request.headers['api-version-date'])));
    const route = pipeline.routes.get(version)?.match(request.method, request.path) ?? { kind: 'not-found' as const };
    if (route.kind === 'not-found') throw errors.routeNotFound(request.method, request.path);
    if (route.kind === 'method-not-allowed') throw errors.methodNotAllowed(request.method, request.path, route.allowed);
    const operation = (outcome.operation = route.operation);
    // Parsed once, as the operation reads it; the journal keeps this same object.
    const query = (outcome.query = parseQuery(request.search, operation.parameters));
    const principal = (outcome.principal = pipeline.mode.principal(operation, firstValue(request.headers.authorization), session, notes));
    const raw = { path: route.pathParams, query, headers: request.headers as Record<string, string>, body: parsed?.value };
    const input = pipeline.mode.admit(operation, pipeline.validators.for(operation), raw, notes);
    admitted = true;
    // Control comes after authentication and validation, as Prism's Prefer does: a forced
    // status or a fault never answers a request the real API would have refused.
    const preferences = checkPreferences(operation, parsePrefer(firstValue(request.headers.prefer), pipeline.maxDelayMs));
    const faults = session.extras.faults;
    const fault = faults.empty ? undefined : await faults.take(faultTarget(operation, request, query, input.body, principal));
    const plan = planResponse(preferences, fault, pipeline.mode.answerer.handles(operation), pipeline.maxDelayMs);
    outcome.faultId = plan.faultId;
    outcome.faultStep = plan.faultStep;
    outcome.forced = plan.answer.kind !== 'normal';
    if (plan.delayMs > 0) await delay(plan.delayMs, pipeline.stopping);
    if (plan.answer.kind === 'drop') return Object.assign(outcome, { dropped: true });
    const answer = plan.answer;
    // The call is made inside the transaction: a store that reloads the session's state for it
    // (Redis, after another replica wrote first) hands the answer the state it just read.
    const run = () => answerOf(pipeline, { request, operation, input, principal, state: session.state, notes }, answer);
    const result = await (session.transact ? session.transact(run) : run());
    return settled(outcome, result);
  } catch (error) {
    let apiError = error instanceof ApiError ? error : crash(pipeline, error, request);
    // A refusal before any operation read the request may be answered elsewhere (proxy mode forwards it).
    const elsewhere = admitted || !isSpecRefusal(apiError) ? undefined : pipeline.mode.refused(apiError, request, notes);
    if (elsewhere !== undefined) {
      try {
        const result = await elsewhere;
        return settled(outcome, result);
      } catch (failure) {
        apiError = failure instanceof ApiError ? failure : crash(pipeline, failure, request);
      }
    }
    return Object.assign(outcome, { status: apiError.status, body: renderError(apiError), headers: { ...apiError.headers }, mockLevel: apiError.mockLevel });
  }
}

function settled(outcome: Outcome, result: SourceResult): Outcome {
  outcome.status = result.status;
  outcome.body = result.body;
  if (result.raw) outcome.raw = result.raw;
  return outcome;
}

/** A forced error, a fault's body, the spec's example or generated data, or the mode's answerer. */
function answerOf(pipeline: Pipeline, call: SourceCall, answer: Exclude<Answer, { kind: 'drop' }>): Promise<SourceResult> {
  if (answer.kind === 'error') return Promise.reject(answer.error);
  if (answer.kind === 'body') return Promise.resolve({ status: answer.status, body: structuredClone(answer.body) });
  if (answer.kind === 'spec') return pipeline.specSource(call, answer.choice);
  return pipeline.mode.answerer.answer(call);
}

/** Refusals of the spec (not the mock's own limits) before an operation read the request. */
function isSpecRefusal(error: ApiError): boolean {
  return (error.status === 400 || error.status === 404 || error.status === 405) && error.code !== 'json_too_deep' && error.code !== 'mock_session_invalid' && error.code !== 'mock_prefer_invalid';
}

export function crash(pipeline: Pipeline, error: unknown, request: ApiRequest): ApiError {
  pipeline.onCrash(error, request);
  return errors.internal();
}

/** Waits out a delay, unless the mock starts to stop: then answers at once (a stop neither waits nor cuts). */
function delay(ms: number, stopping: AbortSignal): Promise<void> {
  if (stopping.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stopping.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stopping.addEventListener('abort', done);
  });
}

/** The names under which a request names an account (a Whop account is a company, `biz_…`). */
const ACCOUNT_NAMES = new Set(['account_id', 'company_id']);

/**
 * One admitted request as fault rules see it (src/state/fault-match.ts); its accounts are the
 * caller's and those named in query or body (`account_id`, `company_id`, `x-domain-name: account_id`).
 */
function faultTarget(operation: Operation, request: ApiRequest, query: Readonly<Record<string, unknown>>, body: unknown, principal: Principal): FaultTarget {
  const accounts: string[] = [];
  if (principal.accountId !== null) accounts.push(principal.accountId);
  named(operation, query, accounts);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) named(operation, body as Record<string, unknown>, accounts);
  return {
    operationId: operation.operationId,
    method: operation.method,
    template: operation.path,
    path: request.path,
    query,
    headers: request.headers,
    body,
    token: principal.token,
    tokenKind: principal.kind,
    accounts,
  };
}

function named(operation: Operation, fields: Readonly<Record<string, unknown>>, into: string[]): void {
  for (const name in fields) {
    const value = fields[name];
    if (typeof value === 'string' && (ACCOUNT_NAMES.has(name) || operation.domainNames[name] === 'account_id')) into.push(value);
  }
}
