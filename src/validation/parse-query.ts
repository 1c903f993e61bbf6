import type { ParameterSpec } from '../openapi/compile-operations.js';

/**
 * Reads a query string into values the parameter schemas can judge. Arrays arrive as the
 * official SDK sends them (`statuses[]=a&statuses[]=b`) or exploded (`statuses=a&statuses=b`);
 * numbers and booleans are read from their text when the parameter says so. Anything that does
 * not read cleanly stays a string, so the validator reports it with the parameter's name.
 * The result has no prototype: `?__proto__=x` (or `__proto__[]=x`) is a key like any other, which
 * the validator refuses as unknown, rather than a prototype for the parsed query.
 */
export function parseQuery(search: string, parameters: readonly ParameterSpec[]): Record<string, unknown> {
  const collected = new Map<string, string[]>();
  for (const [rawKey, value] of new URLSearchParams(search)) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const list = collected.get(key) ?? [];
    list.push(value);
    collected.set(key, list);
  }
  const result = Object.create(null) as Record<string, unknown>;
  for (const [key, values] of collected) {
    const param = parameters.find((p) => p.in === 'query' && p.name === key);
    result[key] = param?.type === 'array' ? values : values.length === 1 ? readScalar(values[0] as string, param?.type) : values;
  }
  return result;
}

export function readScalar(value: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
