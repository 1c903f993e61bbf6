import type { ParameterSpec } from '../openapi/compile-operations.js';

/**
 * Reads a query string into values the parameter schemas can judge: arrays as the SDK sends them
 * (`statuses[]=a`) or exploded, numbers and booleans when the parameter says so; anything else
 * stays a string for the validator to report. No prototype: `?__proto__=x` is a key like any other.
 */
export function parseQuery(search: string, parameters: readonly ParameterSpec[]): Record<string, unknown> {
  const result = Object.create(null) as Record<string, unknown>;
  if (search === '') return result;
  // Keys in the order first seen; their values collected without a prototype, as the result.
  const keys: string[] = [];
  const lists = Object.create(null) as Record<string, string[]>;
  const add = (rawKey: string, value: string): void => {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const list = lists[key];
    if (list === undefined) {
      keys.push(key);
      lists[key] = [value];
    } else list.push(value);
  };
  if (PLAIN.test(search)) splitPlain(search, add);
  else for (const [key, value] of new URLSearchParams(search)) add(key, value);
  for (const key of keys) {
    const values = lists[key] as string[];
    const param = queryParameter(parameters, key);
    result[key] = param?.type === 'array' ? values : values.length === 1 ? readScalar(values[0] as string, param?.type) : values;
  }
  return result;
}

/** Only characters URLSearchParams passes through unchanged (no `%`, `+`, leading `?` or non-ASCII). */
const PLAIN = /^[A-Za-z0-9_.~=&[\]:,*!$'()@/;-]*$/;

/** The pairs of a query string needing no decoding, as URLSearchParams reads them, in a fifth of its time. */
function splitPlain(search: string, add: (key: string, value: string) => void): void {
  let start = 0;
  while (start < search.length) {
    let end = search.indexOf('&', start);
    if (end === -1) end = search.length;
    if (end > start) {
      const equals = search.indexOf('=', start);
      if (equals === -1 || equals > end) add(search.slice(start, end), '');
      else add(search.slice(start, equals), search.slice(equals + 1, end));
    }
    start = end + 1;
  }
}

function queryParameter(parameters: readonly ParameterSpec[], name: string): ParameterSpec | undefined {
  for (const param of parameters) if (param.in === 'query' && param.name === name) return param;
  return undefined;
}

export function readScalar(value: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
