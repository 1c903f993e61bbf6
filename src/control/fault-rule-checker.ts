import type { ValidateFunction } from 'ajv';
import { errors } from '../kernel/catalogue.js';
import { isObject } from '../kernel/json-pointer.js';
import type { CompiledSpec, Operation } from '../openapi/compile-operations.js';
import type { RouteTable } from '../openapi/route-table.js';
import { declaredResponse } from '../openapi/declared-response.js';
import type { FaultRule, FaultStep } from '../state/fault-list.js';
import { describeSchemaError } from '../world/describe-schema-error.js';
import { FAULT_RULE_SCHEMA } from '../validation/fault-rule-schema.js';
import type { LateValidators, ValidatorSource } from '../validation/validator-source.js';
import { checkSelectors, type SchemaCheck } from './fault-selectors.js';
import { nearestName } from './nearest-name.js';

/** Where no validator can be compiled, a selector's value is taken as one the spec allows. */
const ANY = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;

type Mutable = { -readonly [K in keyof FaultRule]: FaultRule[K] };

/**
 * Made once per served world: a posted rule becomes a stored one, or a 400 naming the field and
 * why. A status an operation it names does not declare could only come back as a contract violation.
 */
export function faultRuleChecker(spec: CompiledSpec, routes: ReadonlyMap<string, RouteTable>, validate: ValidateFunction, late: LateValidators | undefined, maxDelayMs: number): (input: unknown) => FaultRule {
  const all = spec.versions.flatMap((version) => spec.operations.get(version) ?? []);
  let schemas: ValidatorSource | undefined;
  const check: SchemaCheck = late === undefined ? () => ANY : (schema) => (schemas ??= late({})).get('response', schema, JSON.stringify(schema));
  return (input) => {
    if (!validate(input)) throw shapeError(validate.errors ?? [], input);
    const rule = normalize(input as FaultRule);
    checkEffects(rule, '', maxDelayMs);
    rule.sequence?.forEach((step, i) => checkEffects(step, `sequence.${i}.`, maxDelayMs));
    const named = select(rule, all, routes);
    const { rule: checked, operations } = checkSelectors(rule, named, check, spec.schemaDocuments);
    if (rule.operationId !== undefined || rule.path !== undefined) {
      const statuses: Array<[string, number]> = rule.sequence === undefined ? (rule.status === undefined ? [] : [['status', rule.status]]) : rule.sequence.flatMap((step, i): Array<[string, number]> => (step.status === undefined ? [] : [[`sequence.${i}.status`, step.status]]));
      for (const [field, status] of statuses) {
        const lacking = operations.filter((op) => declaredResponse(op, status) === undefined);
        if (lacking.length > 0) throw errors.faultInvalid(field, `${status} is not declared by ${[...new Set(lacking.map((op) => `${op.operationId} (${op.version})`))].join(', ')}`);
      }
    }
    return checked;
  };
}

/** Every unknown key at once; else the first bad value. */
function shapeError(found: NonNullable<ValidateFunction['errors']>, input: unknown): Error {
  const unknown = isObject(input) ? Object.keys(input).filter((key) => !Object.hasOwn(FAULT_RULE_SCHEMA.properties, key)) : [];
  if (unknown.length > 0) {
    return errors.faultInvalid(unknown.join(', '), `${unknown.length === 1 ? 'is not a field' : 'are not fields'} of a fault rule (selectors: operationId, method, path, query, header, request_body, token, token_kind, account_id; effects: status, body, delay_ms, drop, times, sequence)`);
  }
  const first = found[0];
  const problem = first === undefined ? { pointer: '', message: 'is invalid' } : describeSchemaError(first, input);
  const field = problem.pointer.split('/').slice(1).join('.');
  return errors.faultInvalid(field || 'rule', problem.message);
}

/** A rule, or one step of its sequence (`at`: `sequence.2.`), must do one clear thing. */
function checkEffects(rule: FaultRule & FaultStep, at: string, maxDelayMs: number): void {
  // Ajv's own wording, as when the bound was part of the schema.
  if (rule.delay_ms !== undefined && rule.delay_ms > maxDelayMs) throw errors.faultInvalid(`${at}delay_ms`, `must be <= ${maxDelayMs}`);
  if (at === '' && rule.sequence !== undefined) {
    const beside = (['status', 'body', 'delay_ms', 'drop', 'times'] as const).find((key) => rule[key] !== undefined);
    if (beside !== undefined) throw errors.faultInvalid(beside, 'cannot be combined with sequence: each step says what its request gets (status, body, delay_ms, drop or pass), and the rule is used up after its last step');
    return;
  }
  if (rule.status === undefined && rule.delay_ms === undefined && rule.drop === undefined && rule.pass === undefined) {
    throw errors.faultInvalid(`${at}status`, at === '' ? 'is required unless the rule sets delay_ms, drop or sequence (a rule must do something)' : 'is required unless the step sets delay_ms, drop or pass');
  }
  if (rule.body !== undefined && rule.status === undefined) throw errors.faultInvalid(`${at}status`, 'is required with body');
  if (rule.drop && (rule.status !== undefined || rule.body !== undefined || rule.pass !== undefined)) {
    throw errors.faultInvalid(`${at}drop`, 'closes the connection, so it cannot be combined with status, body or pass');
  }
  if (rule.pass && rule.status !== undefined) throw errors.faultInvalid(`${at}pass`, 'lets the real answer through, so it cannot be combined with status or body');
}

/** Same spelling as the request path the rule is matched against: no /api/v1, no trailing slash. */
function normalize(input: FaultRule): FaultRule {
  const rule: Mutable = { ...input };
  if (rule.method !== undefined) rule.method = rule.method.toUpperCase();
  if (rule.path !== undefined) rule.path = rule.path.replace(/^\/api\/v1(?=\/|$)/, '').replace(/(.)\/+$/, '$1') || '/';
  return rule;
}

function select(rule: FaultRule, all: readonly Operation[], routes: ReadonlyMap<string, RouteTable>): Operation[] {
  const { operationId, method, path } = rule;
  let matched = [...all];
  const narrow = (field: string, keep: (op: Operation) => boolean, value: string, hint = '') => {
    matched = matched.filter(keep);
    if (matched.length === 0) throw errors.faultInvalid(field, `"${value}" matches no operation${hint || ' (together with the rule\'s other selectors)'}`);
  };
  if (operationId !== undefined) {
    // The hint is read only when nothing matches, so it never names the operationId itself.
    const nearest = nearestName(operationId, all.map((op) => op.operationId));
    narrow('operationId', (op) => op.operationId === operationId, operationId, nearest === undefined ? '' : `; did you mean ${nearest}?`);
  }
  if (method !== undefined) narrow('method', (op) => op.method === method, method);
  if (path !== undefined) narrow('path', (op) => op.path === path || matchedOperation(routes, op, path), path);
  return matched;
}

/** A concrete path picks one operation per method (`/users/me` is updateCurrentUser, not updateUser). */
function matchedOperation(routes: ReadonlyMap<string, RouteTable>, op: Operation, path: string): boolean {
  const found = routes.get(op.version)?.match(op.method, path);
  return found?.kind === 'match' && found.operation === op;
}
