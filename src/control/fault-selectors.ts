import type { ValidateFunction } from 'ajv';
import { errors } from '../kernel/catalogue.js';
import { isObject, schemaAt } from '../kernel/json-pointer.js';
import type { Operation, ParameterSpec } from '../openapi/compile-operations.js';
import type { FaultRule } from '../state/fault-list.js';
import { readScalar } from '../validation/parse-query.js';
import { describeSchemaError } from '../world/describe-schema-error.js';

/** Compiles (once per schema) a validator for a parameter's or a body field's schema. */
export type SchemaCheck = (schema: unknown) => ValidateFunction;

const ACCOUNT = /^biz_[A-Za-z0-9]+$/;

/**
 * Each request selector must be able to hold for one of the operations the rule's other selectors
 * leave, or the rule is refused naming it. Returns the rule with query values read as the
 * operations parse them (`"50"` -> 50, one value -> a list for an array), and what it can match.
 */
export function checkSelectors(rule: FaultRule, operations: readonly Operation[], check: SchemaCheck, documents: ReadonlyMap<string, unknown>): { rule: FaultRule; operations: Operation[] } {
  let matched = [...operations];
  const names = () => [...new Set(matched.map((op) => op.operationId))].join(', ');
  // Each value as the operations' query parse reads it, kept in the rule returned.
  const query: Record<string, unknown> = {};
  for (const [name, wanted] of Object.entries(rule.query ?? {})) {
    const declaring = matched.flatMap((op) => op.parameters.filter((p) => p.in === 'query' && p.name === name).map((param) => ({ op, param })));
    const [first] = declaring;
    if (first === undefined) {
      const known = [...new Set(matched.flatMap((op) => op.parameters.filter((p) => p.in === 'query').map((p) => p.name)))];
      throw errors.faultInvalid(`query.${name}`, `is not a query parameter of ${names()} (they read ${known.join(', ') || 'none'}), so the rule could never match`);
    }
    const value = (query[name] = asParsed(wanted, first.param));
    const holding = declaring.filter(({ param }) => check(param.schema)(value));
    if (holding.length === 0) {
      const problem = problemOf(check(first.param.schema), value);
      throw errors.faultInvalid(`query.${name}`, `${JSON.stringify(value)} could never be sent: ${problem} (${first.op.operationId}), so the rule could never match`);
    }
    matched = holding.map(({ op }) => op);
  }
  for (const [name, value] of Object.entries(rule.header ?? {})) {
    const lower = name.toLowerCase();
    const declared = matched.map((op) => op.parameters.find((p) => p.in === 'header' && p.name === lower)).filter((p) => p !== undefined);
    if (declared.length > 0 && !declared.some((param) => check(param.schema)(readScalar(value, param.type)))) {
      throw errors.faultInvalid(`header.${name}`, `${JSON.stringify(value)} is refused by the spec for this header before any fault applies, so the rule could never match`);
    }
  }
  if (rule.request_body !== undefined) {
    matched = matched.filter((op) => op.body !== null);
    if (matched.length === 0) throw errors.faultInvalid('request_body', `the operations the rule names take no request body (${[...new Set(operations.map((op) => `${op.method} ${op.path}`))].join(', ')}), so the rule could never match`);
    const problems = matched.map((op) => bodyProblem(rule.request_body as Record<string, unknown>, op.body?.schema, 'request_body', check, documents));
    if (problems.every((problem) => problem !== undefined)) {
      const [field, detail] = problems[0] as [string, string];
      throw errors.faultInvalid(field, `${detail} (${names()}), so the rule could never match`);
    }
    matched = matched.filter((_, i) => problems[i] === undefined);
  }
  for (const field of ['token', 'token_kind'] as const) {
    if (rule[field] !== undefined && matched.every((op) => op.scopes === null)) throw errors.faultInvalid(field, `${names()} take no token, so the rule could never match`);
  }
  if (rule.account_id !== undefined && !ACCOUNT.test(rule.account_id)) {
    throw errors.faultInvalid('account_id', `"${rule.account_id.slice(0, 60)}" is not an account id (a company, biz_…), so the rule could never match`);
  }
  return { rule: rule.query === undefined ? rule : { ...rule, query }, operations: matched };
}

/** A rule's value as the operation's query parse would give it: text read as the parameter's type, one value of a list as a list. */
function asParsed(value: unknown, param: ParameterSpec): unknown {
  if (param.type === 'array') return Array.isArray(value) ? value : [value];
  return typeof value === 'string' ? readScalar(value, param.type) : value;
}

/** Why `value` fails the validator (run here, so its errors are this value's). */
function problemOf(validate: ValidateFunction, value: unknown): string {
  validate(value);
  const first = validate.errors?.[0];
  return first === undefined ? 'invalid' : describeSchemaError(first, value).message;
}

/** Why a body holding `wanted` could never pass the schema (nested objects: only what is given), or undefined. */
function bodyProblem(wanted: Record<string, unknown>, schema: unknown, at: string, check: SchemaCheck, documents: ReadonlyMap<string, unknown>): [string, string] | undefined {
  const resolved = resolve(schema, documents);
  if (!isObject(resolved) || !isObject(resolved.properties)) return undefined;
  for (const [name, value] of Object.entries(wanted)) {
    const field = resolved.properties[name];
    if (field === undefined) {
      if (resolved.additionalProperties === false) return [`${at}.${name}`, `is not a field of the request body (it has ${Object.keys(resolved.properties).join(', ')})`];
      continue;
    }
    if (isObject(value) && !Array.isArray(value)) {
      const inner = bodyProblem(value, field, `${at}.${name}`, check, documents);
      if (inner !== undefined) return inner;
      continue;
    }
    if (!check(field)(value)) return [`${at}.${name}`, `${JSON.stringify(value)} could never be sent: ${problemOf(check(field), value)}`];
  }
  return undefined;
}

function resolve(schema: unknown, documents: ReadonlyMap<string, unknown>, depth = 0): unknown {
  if (depth > 16 || !isObject(schema) || typeof schema.$ref !== 'string') return schema;
  return resolve(schemaAt(schema.$ref, documents), documents, depth + 1);
}
