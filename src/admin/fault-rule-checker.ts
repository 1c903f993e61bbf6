import { errors } from '../errors/catalogue.js';
import type { CompiledSpec, Operation } from '../openapi/compile-operations.js';
import type { RouteTable } from '../openapi/route-table.js';
import { declaredResponse } from '../simulation/declared-response.js';
import type { FaultRule } from '../simulation/fault-list.js';
import { MAX_DELAY_MS } from '../simulation/parse-prefer.js';
import { describeSchemaError } from '../store/describe-schema-error.js';
import { createAjv } from '../validation/create-ajv.js';

const ruleSchema = (maxDelayMs: number) => ({
  type: 'object',
  additionalProperties: false,
  properties: {
    operationId: { type: 'string', minLength: 1 },
    method: { type: 'string', pattern: '^[A-Za-z]+$' },
    path: { type: 'string', pattern: '^/' },
    status: { type: 'integer', minimum: 200, maximum: 599 },
    body: {},
    delay_ms: { type: 'integer', minimum: 0, maximum: maxDelayMs },
    drop: { const: true },
    times: { type: 'integer', minimum: 1 },
  },
});

type Mutable = { -readonly [K in keyof FaultRule]: FaultRule[K] };

/**
 * Compiles the fault-rule check once, at start. The returned function turns a posted rule into a
 * stored one or throws a 400 naming the field: unknown keys, bad values, a rule that does
 * nothing, a body without a status, a drop that also answers, selectors that match no operation,
 * and — when the rule names operations (operationId or path) — a status one of them does not
 * declare, because its response could only come back as a contract violation.
 */
export function faultRuleChecker(spec: CompiledSpec, routes: ReadonlyMap<string, RouteTable>, maxDelayMs: number = MAX_DELAY_MS): (input: unknown) => FaultRule {
  const validate = createAjv().compile(ruleSchema(maxDelayMs));
  const all = spec.versions.flatMap((version) => spec.operations.get(version) ?? []);
  return (input) => {
    if (!validate(input)) {
      const first = validate.errors?.[0];
      const problem = first === undefined ? { pointer: '', message: 'is invalid' } : describeSchemaError(first, input);
      const field = problem.pointer.split('/')[1] ?? '';
      throw errors.faultInvalid(field || 'rule', problem.message);
    }
    const rule = normalize(input as FaultRule);
    if (rule.status === undefined && rule.delay_ms === undefined && rule.drop === undefined) {
      throw errors.faultInvalid('status', 'is required unless the rule sets delay_ms or drop (a rule must do something)');
    }
    if (rule.body !== undefined && rule.status === undefined) throw errors.faultInvalid('status', 'is required with body');
    if (rule.drop && (rule.status !== undefined || rule.body !== undefined)) {
      throw errors.faultInvalid('drop', 'closes the connection, so it cannot be combined with status or body');
    }
    const matched = select(rule, all, routes);
    if (rule.status !== undefined && (rule.operationId !== undefined || rule.path !== undefined)) {
      const lacking = matched.filter((op) => declaredResponse(op, rule.status as number) === undefined);
      if (lacking.length > 0) {
        const names = [...new Set(lacking.map((op) => `${op.operationId} (${op.version})`))].join(', ');
        throw errors.faultInvalid('status', `${rule.status} is not declared by ${names}`);
      }
    }
    return rule;
  };
}

/** Same spelling as the request path the rule is matched against: no /api/v1, no trailing slash. */
function normalize(input: FaultRule): FaultRule {
  const rule: Mutable = { ...input };
  if (rule.method !== undefined) rule.method = rule.method.toUpperCase();
  if (rule.path !== undefined) rule.path = rule.path.replace(/^\/api\/v1(?=\/|$)/, '').replace(/(.)\/+$/, '$1') || '/';
  return rule;
}

function select(rule: FaultRule, all: readonly Operation[], routes: ReadonlyMap<string, RouteTable>): Operation[] {
  let matched = [...all];
  const narrow = (field: string, keep: (op: Operation) => boolean, value: string) => {
    matched = matched.filter(keep);
    if (matched.length === 0) throw errors.faultInvalid(field, `"${value}" matches no operation (together with the rule's other selectors)`);
  };
  if (rule.operationId !== undefined) narrow('operationId', (op) => op.operationId === rule.operationId, rule.operationId);
  if (rule.method !== undefined) narrow('method', (op) => op.method === rule.method, rule.method);
  const path = rule.path;
  if (path !== undefined) {
    narrow('path', (op) => op.path === path || matchedOperation(routes, op, path), path);
  }
  return matched;
}

/** A concrete path picks one operation per method (`/users/me` is updateCurrentUser, not updateUser). */
function matchedOperation(routes: ReadonlyMap<string, RouteTable>, op: Operation, path: string): boolean {
  const found = routes.get(op.version)?.match(op.method, path);
  return found?.kind === 'match' && found.operation === op;
}
