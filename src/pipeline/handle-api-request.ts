import { anonymous } from '../domain/principal.js';
import { ApiError, renderError } from '../kernel/api-error.js';
import { sessionName } from '../state/session-name.js';
import type { ValidationResult } from '../state/journal/journal-entry.js';
import type { StoredSession } from '../state/session-store.js';
import { crash, decideAnswer } from './decide-answer.js';
import { finishResponse, sentHeaders } from './finish-response.js';
import type { ApiRequest, ApiResponse, Outcome, Pipeline, RequestNotes } from './pipeline.js';

/**
 * One API request: on the session X-Mock-Session names, decide, finish and journal. The store may
 * run that again on a fresher copy (Redis); only the last run's answer is sent. Nothing throws out.
 */
export async function handleApiRequest(pipeline: Pipeline, request: ApiRequest): Promise<ApiResponse> {
  const receivedAt = Date.now();
  const started = performance.now();
  try {
    const name = sessionName(request.headers['x-mock-session']);
    const last: LastRun = {};
    const response = await pipeline.store.serve(name, (session) => answerInSession(pipeline, request, session, receivedAt, started, last), pipeline.mode.repeatable);
    // Counted once, from the run whose answer is sent (a store may have run the request again).
    if (last.session !== undefined && last.outcome !== undefined) countCoverage(pipeline, request, last.session, last.outcome, response);
    return response;
  } catch (error) {
    return unopened(pipeline, request, error);
  }
}

/** The session and outcome of a request's last run, for coverage. */
type LastRun = { session?: StoredSession; outcome?: Outcome };

async function answerInSession(pipeline: Pipeline, request: ApiRequest, session: StoredSession, receivedAt: number, started: number, last: LastRun): Promise<ApiResponse> {
  const notes: RequestNotes = { refusal: null, securityMissing: false, upstream: null };
  const { mode, memo } = pipeline;
  // An answer that is a function of the session's world and the request alone may be the one given before (answer-memo).
  const key = mode.repeatable ? memo.keyOf(request, session) : undefined;
  const kept = key === undefined ? undefined : memo.get(session, key);
  const outcome = kept?.outcome ?? (await decideAnswer(pipeline, request, session, notes));
  const { response: finished, validation } = kept ?? finishInSession(pipeline, request, outcome, session);
  if (key !== undefined && kept === undefined && outcome.mockLevel !== true) memo.set(session, key, { outcome, response: finished, validation });
  // A kept answer is shared: the core's headers (CORS, by the request's origin) go on a copy.
  const response = request.coreHeaders === undefined ? finished : { ...finished, sent: sentHeaders(finished, request.coreHeaders) };
  const sent = response.sent;
  // A journal kept elsewhere has the entry before the client has the answer: a test reading the
  // journal through another replica right after sees it.
  await session.extras.journal.record({
    receivedAt,
    method: request.method,
    path: request.path,
    search: request.search,
    query: outcome.query,
    headers: request.headers,
    rawBody: request.rawBody,
    bodyJson: outcome.bodyText,
    tokenKind: mode.tokenKind(session),
    operationId: response.operationId,
    template: outcome.operation?.path ?? null,
    version: response.version,
    status: response.dropped ? null : response.status,
    responsePayload: response.dropped ? undefined : response.payload,
    validation,
    responseHeaders: response.dropped ? undefined : sent,
    withheld: response.withheld,
    faultId: outcome.faultId,
    faultStep: outcome.faultStep,
    durationMs: performance.now() - started,
    ...mode.journalFields?.(notes, request, outcome.bodyText, response),
  });
  mode.observe?.({
    method: request.method,
    path: request.path,
    search: request.search,
    authorization: typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined,
    version: outcome.version,
    operation: outcome.operation,
    notes,
    status: response.dropped ? 0 : response.status,
    violation: response.violation,
    at: Date.now(),
  });
  last.session = session;
  last.outcome = outcome;
  return response;
}

/** The answer as the session gives it, with its headers as sent (the core's CORS headers go on a copy: the memo may keep this one). */
function finishInSession(pipeline: Pipeline, request: ApiRequest, outcome: Outcome, session: StoredSession): { response: ApiResponse; validation: ValidationResult | null } {
  const finished = finishResponse(pipeline, request, outcome);
  finished.response.headers['x-mock-session'] = session.name;
  finished.response.sent = sentHeaders(finished.response, undefined);
  return finished;
}

/** Coverage never fails a request: a bug in counting is logged, and the answer goes out. */
function countCoverage(pipeline: Pipeline, request: ApiRequest, session: StoredSession, outcome: Outcome, response: ApiResponse): void {
  try {
    pipeline.coverage.count(request, session, outcome, response, pipeline.mode);
  } catch (error) {
    pipeline.onCrash(error, request);
  }
}

/** No session to act on, so nothing to journal into either. The error's own headers go out (Retry-After on a store outage). */
function unopened(pipeline: Pipeline, request: ApiRequest, error: unknown): ApiResponse {
  const apiError = error instanceof ApiError ? error : crash(pipeline, error, request);
  const outcome = { status: apiError.status, body: renderError(apiError), headers: { ...apiError.headers }, version: null, operation: null, query: null, principal: anonymous, faultId: null, faultStep: null, dropped: false, bodyText: undefined };
  const { response } = finishResponse(pipeline, request, outcome);
  response.sent = sentHeaders(response, request.coreHeaders);
  return response;
}
