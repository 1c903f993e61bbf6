import type { CompiledSpec, Operation } from '../../openapi/compile-operations.js';
import { valueAt } from '../../kernel/json-pointer.js';
import type { Exchange, UpstreamReply } from '../../pipeline/api-request.js';
import { redactQueryString } from '../../state/journal/redact-query.js';
import { example, examplePointer } from './drift-example.js';
import { driftChecks, generalPointer } from './drift-checks.js';

/** One (pointer, rule) the upstream broke, how often, and the first time it did. */
export interface ViolationGroup {
  pointer: string;
  rule: string;
  count: number;
  example: { pointer: string; value: unknown; status: number; request: string; at: string };
}

export interface OperationDrift {
  method: string;
  path: string;
  /** Requests seen for this operation in this version (forwarded or answered locally). */
  requests: number;
  forwarded: number;
  /** Upstream statuses and how often each came back. */
  statuses: Record<string, number>;
  /** Upstream failures by reason (`timeout`, `unreachable`, `connection_lost`, `too_large`, `invalid_response`; `client_closed`: the client left first). */
  failures: Record<string, number>;
  /** The upstream's answers matched the spec every time (no violation, no unknown field). */
  matches: boolean;
  violations: ViolationGroup[];
  unknown_fields: Array<{ path: string; count: number }>;
  /** Requests the spec refused (forwarded anyway unless --reject-invalid), by code and parameter. */
  refusals: Array<{ code: string | null; param: string | null; message: string; count: number }>;
  /** Requests without the bearer token the operation's security scheme asks for. */
  security_missing: number;
  /** Groups left out past --drift-max-groups. */
  groups_dropped: number;
}

/** Requests no operation of their version describes (unknown path, method or version, unreadable body). */
export interface UnroutedDrift {
  method: string;
  path: string;
  version: string | null;
  reason: string | null;
  count: number;
  statuses: Record<string, number>;
}

export interface DriftReportJson {
  upstream: string;
  since: string;
  generated_at: string;
  summary: { requests: number; forwarded: number; operations: number; operations_with_drift: number; violations: number; unknown_fields: number; refusals: number; upstream_failures: number; unrouted: number };
  versions: Record<string, Record<string, OperationDrift>>;
  unrouted: UnroutedDrift[];
}

/**
 * What proxy mode saw of the upstream, per version and operation (GET /__mock/drift, --drift-report).
 * Bounded: at most `maxGroups` groups of each list per operation, and unrouted routes in all.
 */
export class DriftReport {
  readonly #checks: ReturnType<typeof driftChecks>;
  readonly #since = new Date().toISOString();
  readonly #versions = new Map<string, Map<string, OperationDrift>>();
  readonly #unrouted = new Map<string, UnroutedDrift>();
  #unroutedDropped = 0;

  /** `upstream` as the report shows it (without credentials); `maxGroups` per list and operation. */
  constructor(private readonly upstream: string, private readonly maxGroups: number, spec: CompiledSpec) {
    this.#checks = driftChecks(spec);
  }

  observe(exchange: Exchange): void {
    const { operation, notes: facts } = exchange;
    if (operation === null || exchange.version === null) return this.#observeUnrouted(exchange);
    const drift = this.#operation(exchange.version, operation);
    drift.requests += 1;
    if (facts.securityMissing) drift.security_missing += 1;
    if (facts.refusal) {
      const { code, param, message } = facts.refusal;
      this.#count(drift, drift.refusals, (r) => r.code === code && r.param === param, () => ({ code, param, message, count: 1 }));
    }
    const answer = facts.upstream;
    if (answer === null) return;
    drift.forwarded += 1;
    if (answer.kind === 'failure') {
      drift.failures[answer.reason] = (drift.failures[answer.reason] ?? 0) + 1;
      return;
    }
    drift.statuses[answer.status] = (drift.statuses[answer.status] ?? 0) + 1;
    this.#observeReply(drift, exchange, operation, answer);
  }

  toJSON(): DriftReportJson {
    const versions: DriftReportJson['versions'] = {};
    const summary = { requests: 0, forwarded: 0, operations: 0, operations_with_drift: 0, violations: 0, unknown_fields: 0, refusals: 0, upstream_failures: 0, unrouted: 0 };
    for (const [version, operations] of [...this.#versions].sort(([a], [b]) => a.localeCompare(b))) {
      versions[version] = {};
      for (const [operationId, drift] of [...operations].sort(([a], [b]) => a.localeCompare(b))) {
        const copy = structuredClone(drift);
        copy.matches = copy.violations.length === 0 && copy.unknown_fields.length === 0;
        copy.violations.sort((a, b) => b.count - a.count);
        copy.unknown_fields.sort((a, b) => b.count - a.count);
        (versions[version] as Record<string, OperationDrift>)[operationId] = copy;
        summary.requests += copy.requests;
        summary.forwarded += copy.forwarded;
        summary.operations += 1;
        if (!copy.matches) summary.operations_with_drift += 1;
        summary.violations += copy.violations.reduce((sum, v) => sum + v.count, 0);
        summary.unknown_fields += copy.unknown_fields.reduce((sum, v) => sum + v.count, 0);
        summary.refusals += copy.refusals.reduce((sum, v) => sum + v.count, 0);
        summary.upstream_failures += Object.values(copy.failures).reduce((sum, n) => sum + n, 0);
      }
    }
    const unrouted = [...this.#unrouted.values()].map((u) => structuredClone(u)).sort((a, b) => b.count - a.count);
    summary.unrouted = unrouted.reduce((sum, u) => sum + u.count, 0) + this.#unroutedDropped;
    summary.requests += summary.unrouted;
    return { upstream: this.upstream, since: this.#since, generated_at: new Date().toISOString(), summary, versions, unrouted };
  }

  #observeReply(drift: OperationDrift, exchange: Exchange, operation: Operation, reply: UpstreamReply): void {
    const violations = reply.parsed ? this.#checks.allViolations(operation, reply.status, reply.json) : exchange.violation ? [exchange.violation] : [];
    // The first violation (the header's) is always counted, even where the full check reads it differently.
    if (exchange.violation && !violations.some((v) => v.pointer === exchange.violation?.pointer && v.rule === exchange.violation.rule)) violations.unshift(exchange.violation);
    const request = `${exchange.method} ${exchange.path}${exchange.search ? `?${redactQueryString(exchange.search)}` : ''}`;
    for (const violation of violations) {
      const pointer = generalPointer(violation.pointer);
      this.#count(drift, drift.violations, (g) => g.pointer === pointer && g.rule === violation.rule, () => {
        const at = examplePointer(violation);
        const value = violation.pointer === '' && !reply.parsed ? '(not JSON)' : example(valueAt(reply.json, at), at);
        return { pointer, rule: violation.rule, count: 1, example: { pointer: at, value, status: reply.status, request, at: new Date(exchange.at).toISOString() } };
      });
    }
    if (!reply.parsed) return;
    for (const path of this.#checks.unknownFields(operation, reply.status, reply.json)) {
      this.#count(drift, drift.unknown_fields, (g) => g.path === path, () => ({ path, count: 1 }));
    }
  }

  #observeUnrouted({ method, path, version, notes: facts }: Exchange): void {
    const key = `${method} ${path} ${version}`;
    let group = this.#unrouted.get(key);
    if (!group) {
      if (this.#unrouted.size >= this.maxGroups) {
        this.#unroutedDropped += 1;
        return;
      }
      group = { method, path, version, reason: facts.refusal?.code ?? null, count: 0, statuses: {} };
      this.#unrouted.set(key, group);
    }
    group.count += 1;
    const answer = facts.upstream;
    const status = answer === null ? 'local' : answer.kind === 'reply' ? String(answer.status) : answer.reason;
    group.statuses[status] = (group.statuses[status] ?? 0) + 1;
  }

  #operation(version: string, operation: Operation): OperationDrift {
    let operations = this.#versions.get(version);
    if (!operations) this.#versions.set(version, (operations = new Map()));
    let drift = operations.get(operation.operationId);
    if (!drift) {
      drift = { method: operation.method, path: operation.path, requests: 0, forwarded: 0, statuses: {}, failures: {}, matches: true, violations: [], unknown_fields: [], refusals: [], security_missing: 0, groups_dropped: 0 };
      operations.set(operation.operationId, drift);
    }
    return drift;
  }

  /** One more in the group `same` finds, or a new group while the list has room (else counted as dropped). */
  #count<T extends { count: number }>(drift: OperationDrift, list: T[], same: (group: T) => boolean, make: () => T): void {
    const group = list.find(same);
    if (group) group.count += 1;
    else if (list.length < this.maxGroups) list.push(make());
    else drift.groups_dropped += 1;
  }
}
