import { errorCode } from '../kernel/api-error.js';
import { firstValue } from '../kernel/header-value.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { RouteTable } from '../openapi/route-table.js';
import type { CoverageTally } from '../state/coverage-tally.js';
import type { StoredSession } from '../state/session-store.js';
import { schemaShape } from '../validation/schema-shape.js';
import type { ApiRequest, ApiResponse, Outcome } from './api-request.js';
import type { Mode } from './mode.js';

const NO_FIELDS: readonly string[] = Object.freeze([]);
const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** An error code as a report may show it (an upstream or a fault body may send anything). */
const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Counts one finished request's coverage facts, once (after the store's last run, memo or not),
 * from what the outcome and answer already hold. Plans are made once per operation; most requests
 * cost a few Map lookups and increments.
 */
export class CoverageCounter {
  /** An operation's plan and its key in each version that serves it (a version may serve an older version's operation). */
  readonly #planned = new WeakMap<Operation, { plan: CoveragePlan; keys: Map<string, string> }>();

  constructor(
    private readonly tally: CoverageTally,
    private readonly documents: ReadonlyMap<string, unknown>,
    private readonly versions: readonly string[],
    private readonly routes: ReadonlyMap<string, RouteTable>,
  ) {}

  count(request: ApiRequest, session: StoredSession, outcome: Outcome, response: ApiResponse, mode: Mode): void {
    // An answer about the mock itself (its store, a session's budget, an upstream that did not answer) exercises no contract.
    if (outcome.mockLevel === true) return;
    const status = response.dropped ? 0 : response.status;
    const { operation, version } = outcome;
    let key: string;
    let fields = NO_FIELDS;
    let cursor = false;
    if (operation !== null && version !== null) {
      let planned = this.#planned.get(operation);
      if (planned === undefined) this.#planned.set(operation, (planned = { plan: coveragePlan(operation, this.documents), keys: new Map() }));
      let known = planned.keys.get(version);
      if (known === undefined) planned.keys.set(version, (known = `${version} ${operation.operationId}`));
      key = known;
      fields = sentFields(planned.plan, request, outcome);
      cursor = planned.plan.cursor && status >= 200 && status < 300 && outcome.query !== null && (outcome.query.after !== undefined || outcome.query.before !== undefined);
    } else key = version === null ? this.#unversioned(request) : '-';
    const code = status >= 400 ? errorCode(response.body) : undefined;
    this.tally.count({
      session: session.name,
      key,
      status,
      forced: outcome.forced === true && status === outcome.status,
      errorCode: code === undefined ? undefined : CODE.test(code) ? code : '(other)',
      tokenKind: tokenKindOf(request, session, outcome, mode),
      fields,
      cursor,
    });
  }

  /** Refused before a version was chosen: the operation its method and path name in any version (the newest first). */
  #unversioned(request: ApiRequest): string {
    for (let i = this.versions.length - 1; i >= 0; i -= 1) {
      const route = this.routes.get(this.versions[i] as string)?.match(request.method, request.path);
      if (route?.kind === 'match') return `- ${route.operation.operationId}`;
    }
    return '-';
  }
}

/** The declared query and header parameters and top-level body fields the request sent. */
function sentFields(plan: CoveragePlan, request: ApiRequest, outcome: Outcome): readonly string[] {
  let sent: string[] | undefined;
  if (outcome.query !== null) {
    for (const name in outcome.query) {
      const label = plan.query.get(name);
      if (label !== undefined) (sent ??= []).push(label);
    }
  }
  for (const header of plan.headers) if (request.headers[header.name] !== undefined) (sent ??= []).push(header.label);
  for (const name of outcome.bodyFields ?? NO_FIELDS) {
    const label = plan.body.get(name);
    if (label !== undefined) (sent ??= []).push(label);
  }
  return sent ?? NO_FIELDS;
}

/** The principal's kind; for a request answered without one, what its bearer token is in the session (`none`, `unknown`). */
function tokenKindOf(request: ApiRequest, session: StoredSession, outcome: Outcome, mode: Mode): string {
  if (outcome.principal.kind !== 'anonymous') return outcome.principal.kind;
  const authorization = firstValue(request.headers.authorization);
  if (authorization === undefined || authorization === '') return 'none';
  const token = BEARER.exec(authorization)?.[1];
  return (token === undefined ? undefined : mode.tokenKind(session)(token)) ?? 'unknown';
}

/** A request parameter or top-level body field the operation declares, as coverage lists it. */
export interface DeclaredField {
  readonly in: 'query' | 'header' | 'body';
  readonly name: string;
  /** `query first`: how it is counted (CoverageFacts.fields). */
  readonly label: string;
}

/** What coverage reads of one operation: the fields it declares, and whether it pages by cursor. */
export interface CoveragePlan {
  /** Query parameters, then header parameters, then body fields, each in the spec's order. Path parameters are part of the route: always sent. */
  readonly fields: readonly DeclaredField[];
  /** Name -> label, for the query as parsed. */
  readonly query: ReadonlyMap<string, string>;
  readonly headers: readonly DeclaredField[];
  readonly body: ReadonlyMap<string, string>;
  /** The operation takes `after` or `before` (Whop's cursor pagination): a later page can be followed. */
  readonly cursor: boolean;
}

/** Read from the operation once (its body schema through `$ref` and composition: schemaShape). */
export function coveragePlan(operation: Operation, documents: ReadonlyMap<string, unknown>): CoveragePlan {
  const field = (where: DeclaredField['in'], name: string): DeclaredField => ({ in: where, name, label: `${where} ${name}` });
  const query = operation.parameters.filter((param) => param.in === 'query').map((param) => field('query', param.name));
  const headers = operation.parameters.filter((param) => param.in === 'header').map((param) => field('header', param.name));
  const schema = operation.body?.schema;
  const properties = schema === undefined ? null : schemaShape(schema, documents).properties;
  const body = [...(properties?.keys() ?? [])].map((name) => field('body', name));
  return {
    fields: [...query, ...headers, ...body],
    query: new Map(query.map((f) => [f.name, f.label])),
    headers,
    body: new Map(body.map((f) => [f.name, f.label])),
    cursor: query.some((f) => f.name === 'after' || f.name === 'before'),
  };
}
