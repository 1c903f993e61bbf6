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

/**
 * Only characters that URLSearchParams passes through unchanged: no `%`, `+`, leading `?` or
 * anything outside printable ASCII (which it would decode or re-encode).
 */
const PLAIN = /^[A-Za-z0-9_.~=&[\]:,*!$'()@/;-]*$/;

/**
 * The name/value pairs of a query string that needs no decoding, exactly as URLSearchParams reads
 * them (pairs split at `&`, empty ones skipped, name and value at the first `=`). The query
 * strings clients send (`first=10`, `company_id=biz_x&statuses[]=joined`) take this path: about
 * a fifth of the time, without URLSearchParams' objects and iterators.
 */
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
