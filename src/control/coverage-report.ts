import type { CompiledSpec, Operation } from '../openapi/compile-operations.js';
import { declaredResponse } from '../openapi/declared-response.js';
import { coveragePlan, type DeclaredField } from '../pipeline/count-coverage.js';
import type { CoverageCounts, OperationTally } from '../state/operation-tally.js';

/** One status of an operation: declared by the spec, answered or not. */
export interface StatusCoverage {
  /** As the spec declares it (`200`, `4XX`, `default`), or an answered status it does not declare. */
  readonly status: string;
  readonly declared: boolean;
  /** Answers with it (for `4XX` or `default`: the answered statuses it covers that are not declared on their own); 0: never. */
  readonly seen: number;
  /** Of those, answers forced by `Prefer` (code=, example=, dynamic=) or a fault rule. */
  readonly forced: number;
}

/** A declared query or header parameter, or top-level body field, and how many requests sent it. */
export interface FieldCoverage {
  readonly in: DeclaredField['in'];
  readonly name: string;
  readonly sent: number;
}

/** One operation of one API version, as the requests exercised it. */
export interface OperationCoverage {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly version: string;
  readonly called: boolean;
  readonly requests: number;
  /** Connections a fault rule dropped (no status answered). */
  readonly dropped: number;
  /** The declared statuses in the spec's order, then answered statuses it does not declare. */
  readonly statuses: readonly StatusCoverage[];
  /** The declared statuses never answered. */
  readonly unexercised: readonly string[];
  /** The Whop error envelope's `code` of error answers -> answers. */
  readonly error_codes: Readonly<Record<string, number>>;
  readonly fields: readonly FieldCoverage[];
  /** Token kind -> requests: every kind for an operation that needs a token (0: never used); `none` and `unknown` when seen. */
  readonly token_kinds: Readonly<Record<string, number>>;
  /** For an operation that takes a cursor (`after`/`before`): successful first pages, and pages reached by following a cursor; null otherwise. */
  readonly pages: { readonly first: number; readonly followed: number } | null;
}

/** Requests that reached no operation of a version: a bad Api-Version-Date or body (by the operation their method and path name), or an unknown route (null). */
export interface UnroutedCoverage {
  readonly operationId: string | null;
  readonly requests: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly error_codes: Readonly<Record<string, number>>;
}

export interface CoverageSummary {
  /** Declared (operation, version, status) cells. */
  readonly cells: number;
  /** Cells answered at least once, forced or not. */
  readonly exercised: number;
  /** Of those, cells only ever answered by force. */
  readonly forced_only: number;
  /** exercised / cells, in percent, two decimals (100 when nothing is declared). */
  readonly percent: number;
  /** Operation x version pairs, and those called. */
  readonly operations: number;
  readonly operations_called: number;
  /** Declared (operation, version, field) triples, and those sent. */
  readonly fields: number;
  readonly fields_sent: number;
  /** API requests counted, those that reached no operation included. */
  readonly requests: number;
}

/** GET /__mock/coverage and `server.coverage()`. */
export interface CoverageReport {
  /** The session it covers; null: all sessions. */
  readonly session: string | null;
  readonly operations: readonly OperationCoverage[];
  readonly unrouted: readonly UnroutedCoverage[];
  readonly summary: CoverageSummary;
}

/** The three kinds of token an operation with security can be called with (fixtures/tokens.json `kind`). */
const TOKEN_KINDS = ['user_oauth_token', 'account_api_key', 'app_api_key'] as const;

/** `counts` against every operation the specs serve now (counts of one they no longer have are left out). */
export function coverageReport(spec: CompiledSpec, counts: CoverageCounts, session: string | null): CoverageReport {
  const operations = spec.versions.flatMap((version) => (spec.operations.get(version) ?? []).map((operation) => operationCoverage(spec, operation, version, counts.get(`${version} ${operation.operationId}`))));
  const unrouted: UnroutedCoverage[] = [];
  let requests = 0;
  for (const [key, tally] of counts) {
    requests += tally.requests;
    if (key === '-' || key.startsWith('- ')) unrouted.push({ operationId: key === '-' ? null : key.slice(2), requests: tally.requests, statuses: record(tally.statuses), error_codes: record(tally.errorCodes) });
  }
  // By operation; the requests that name none last.
  unrouted.sort((a, b) => (a.operationId === null ? 1 : b.operationId === null ? -1 : byText(a.operationId, b.operationId)));
  const cells = operations.flatMap((op) => op.statuses.filter((s) => s.declared));
  const exercised = cells.filter((s) => s.seen > 0);
  const fields = operations.flatMap((op) => op.fields);
  return {
    session,
    operations,
    unrouted,
    summary: {
      cells: cells.length,
      exercised: exercised.length,
      forced_only: exercised.filter((s) => s.forced === s.seen).length,
      percent: cells.length === 0 ? 100 : Math.floor((exercised.length / cells.length) * 10_000) / 100,
      operations: operations.length,
      operations_called: operations.filter((op) => op.called).length,
      fields: fields.length,
      fields_sent: fields.filter((f) => f.sent > 0).length,
      requests,
    },
  };
}

function operationCoverage(spec: CompiledSpec, operation: Operation, version: string, tally: OperationTally | undefined): OperationCoverage {
  const declared = operation.responses.map((response) => ({ status: response.status, declared: true, seen: 0, forced: 0 }));
  const undeclared = new Map<string, { status: string; declared: boolean; seen: number; forced: number }>();
  for (const [status, seen] of tally?.statuses ?? []) {
    const key = declaredResponse(operation, status)?.status;
    const cell = declared.find((s) => s.status === key) ?? undeclared.get(String(status)) ?? { status: String(status), declared: false, seen: 0, forced: 0 };
    if (!cell.declared) undeclared.set(cell.status, cell);
    cell.seen += seen;
    cell.forced += tally?.forced.get(status) ?? 0;
  }
  const plan = coveragePlan(operation, spec.schemaDocuments);
  const tokenKinds: Record<string, number> = operation.scopes === null ? {} : Object.fromEntries(TOKEN_KINDS.map((kind) => [kind, 0]));
  for (const [kind, n] of tally?.tokenKinds ?? []) tokenKinds[kind] = n;
  const succeeded = [...(tally?.statuses ?? [])].reduce((sum, [status, n]) => (status >= 200 && status < 300 ? sum + n : sum), 0);
  const followed = tally?.cursorPages ?? 0;
  return {
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    version,
    called: (tally?.requests ?? 0) > 0,
    requests: tally?.requests ?? 0,
    dropped: tally?.dropped ?? 0,
    statuses: [...declared, ...[...undeclared.values()].sort((a, b) => byText(a.status, b.status))],
    unexercised: declared.filter((s) => s.seen === 0).map((s) => s.status),
    error_codes: record(tally?.errorCodes),
    fields: plan.fields.map((field) => ({ in: field.in, name: field.name, sent: tally?.fields.get(field.label) ?? 0 })),
    token_kinds: tokenKinds,
    pages: plan.cursor ? { first: succeeded - followed, followed } : null,
  };
}

/** A map as a JSON object, its keys sorted. */
function record<K extends string | number>(map: Iterable<[K, number]> | undefined): Record<string, number> {
  return Object.fromEntries([...(map ?? [])].map(([key, n]) => [String(key), n] as const).sort(([a], [b]) => byText(a, b)));
}

/** Code-point order: the same on every machine, whatever its locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Why a run falls short of `failUnder` percent of cells exercised (compared exactly, not rounded), or null. */
export function coverageShortfall(report: CoverageReport, failUnder: number): string | null {
  const { cells, exercised, percent } = report.summary;
  if (cells === 0 || exercised * 100 >= failUnder * cells) return null;
  return `contract coverage ${percent}% is below ${failUnder}% (--coverage-fail-under): ${exercised} of ${cells} declared (operation, version, status) cells were exercised`;
}
