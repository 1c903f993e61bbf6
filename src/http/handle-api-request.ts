import type { ValidateFunction } from 'ajv';
import { authenticate, type TokenGrant } from '../auth/authenticate.js';
import { anonymous, type Principal } from '../auth/principal.js';
import { ApiError, renderError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import type { HandlerMap } from '../handlers/handler.js';
import type { CompiledSpec, Operation } from '../spec/compile-operations.js';
import type { PrismFallback } from '../spec/prism-fallback.js';
import type { RouteTable } from '../spec/route-table.js';
import { checkResponse, describe, projectResponse, type ResponseMode, type Violation } from '../validation/check-response.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import { validateRequest } from '../validation/validate-request.js';
import { selectVersion } from '../versions/select-version.js';
import { maskFields } from './mask-fields.js';
import { parseBody } from './parse-body.js';
import { parseQuery } from '../validation/parse-query.js';

export interface ApiRequest {
  method: string;
  /** Path without the /api/v1 prefix and without the query string. */
  path: string;
  search: string;
  headers: Record<string, string | undefined>;
  rawBody: Buffer | undefined;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  version: string | null;
  operationId: string | null;
  violation: Violation | null;
}

/** Everything built at start that the request path reads. Nothing in it is compiled per request. */
export interface Pipeline<S> {
  spec: CompiledSpec;
  validators: SpecValidators;
  routes: ReadonlyMap<string, RouteTable>;
  handlers: HandlerMap<S>;
  fallback: PrismFallback;
  /** Validates error bodies that no operation owns (unknown route, bad version). */
  envelope: ValidateFunction | null;
  responseMode: ResponseMode;
  stateFor: (headers: ApiRequest['headers']) => S;
  tokenLookup: (state: S) => (token: string) => TokenGrant | undefined;
  onViolation: (violation: Violation, request: ApiRequest, status: number) => void;
  onCrash: (error: unknown, request: ApiRequest) => void;
}

/**
 * The request's one-way path: parse body -> pick version -> route -> authenticate -> validate
 * request -> handler (or Prism) -> project into the served version -> validate response.
 * Every outcome, including every failure, leaves here as an ApiResponse; nothing throws out.
 */
export async function handleApiRequest<S>(pipeline: Pipeline<S>, request: ApiRequest): Promise<ApiResponse> {
  let version: string | null = null;
  let operation: Operation | null = null;
  let principal: Principal = anonymous;
  let status: number;
  let body: unknown;
  try {
    const parsedBody = parseBody(request.rawBody, request.headers['content-type']);
    version = selectVersion(request.headers['api-version-date'], pipeline.spec.versions);
    const route = pipeline.routes.get(version)?.match(request.method, request.path) ?? { kind: 'not-found' as const };
    if (route.kind === 'not-found') throw errors.routeNotFound(request.method, request.path);
    if (route.kind === 'method-not-allowed') throw errors.methodNotAllowed(request.method, request.path, route.allowed);
    operation = route.operation;
    const state = pipeline.stateFor(request.headers);
    principal = authenticate(operation, request.headers.authorization, pipeline.tokenLookup(state));
    const input = validateRequest(operation, pipeline.validators.for(operation), {
      path: route.pathParams,
      query: parseQuery(request.search, operation.parameters),
      headers: request.headers as Record<string, string>,
      body: parsedBody,
    });
    const handler = pipeline.handlers[operation.operationId];
    const result = handler
      ? handler({ operationId: operation.operationId, path: input.path, query: input.query, body: input.body as Record<string, unknown> | undefined, principal, state, declared: operation.declared })
      : await pipeline.fallback.respond(operation, { method: request.method, path: request.path, query: input.query as Record<string, string>, headers: input.headers, body: input.body }, {});
    ({ status, body } = result);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : crash(pipeline, error, request);
    status = apiError.status;
    body = renderError(apiError);
    return finish(pipeline, request, { status, body, headers: { ...apiError.headers }, version, operation, principal });
  }
  return finish(pipeline, request, { status, body, headers: {}, version, operation, principal });
}

function crash<S>(pipeline: Pipeline<S>, error: unknown, request: ApiRequest): ApiError {
  pipeline.onCrash(error, request);
  return errors.internal();
}

interface Outcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  version: string | null;
  operation: Operation | null;
  principal: Principal;
}

/** Projects, masks and validates the response; in strict mode a violation becomes a 500. */
function finish<S>(pipeline: Pipeline<S>, request: ApiRequest, outcome: Outcome): ApiResponse {
  const { operation, version, principal } = outcome;
  let { status, body } = outcome;
  const headers = { ...outcome.headers };
  if (version) headers['api-version-date'] = version;
  const validators = operation ? pipeline.validators.for(operation) : null;
  if (validators && status < 300) {
    projectResponse(validators, status, body);
    if (operation) maskFields(body, operation.fieldScopes, principal);
  }
  let violation: Violation | null = null;
  if (pipeline.responseMode !== 'off') {
    violation = validators ? checkResponse(validators, status, body) : checkEnvelope(pipeline.envelope, body);
    if (violation) {
      pipeline.onViolation(violation, request, status);
      if (pipeline.responseMode === 'strict') {
        status = 500;
        body = renderError(errors.contractViolation(violation.pointer, violation.rule));
      } else {
        headers['x-mock-contract-violation'] = `${violation.pointer || '/'} ${violation.rule}`.slice(0, 500);
      }
    }
  }
  return { status, body, headers, version, operationId: operation?.operationId ?? null, violation };
}

function checkEnvelope(envelope: ValidateFunction | null, body: unknown): Violation | null {
  if (!envelope || envelope(body)) return null;
  return describe(envelope.errors?.[0]);
}
