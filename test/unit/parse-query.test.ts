import { describe, expect, it } from 'vitest';
import type { ParameterSpec } from '../../src/openapi/compile-operations.js';
import { parseQuery } from '../../src/validation/parse-query.js';

const param = (name: string, type: string): ParameterSpec => ({ name, in: 'query', required: false, schema: {}, type });
const params = [param('statuses', 'array'), param('first', 'integer'), param('flag', 'boolean'), param('query', 'string')];

describe('parseQuery', () => {
  it('reads arrays the way the official SDK sends them (brackets)', () => {
    expect(parseQuery('statuses%5B%5D=joined&statuses%5B%5D=left', params)).toEqual({ statuses: ['joined', 'left'] });
  });
  it('reads exploded arrays and single values as arrays', () => {
    expect(parseQuery('statuses=joined&statuses=left', params)).toEqual({ statuses: ['joined', 'left'] });
    expect(parseQuery('statuses=joined', params)).toEqual({ statuses: ['joined'] });
  });
  it('reads integers and booleans from text only when the parameter says so', () => {
    expect(parseQuery('first=10&flag=true&query=42', params)).toEqual({ first: 10, flag: true, query: '42' });
  });
  it('leaves unreadable values as strings for the validator to name', () => {
    expect(parseQuery('first=ten&flag=yes', params)).toEqual({ first: 'ten', flag: 'yes' });
  });
  it('keeps a repeated scalar as a list (so validation rejects it) and unknown keys as given', () => {
    expect(parseQuery('first=1&first=2&other=x', params)).toEqual({ first: ['1', '2'], other: 'x' });
  });
  it('reads __proto__ as a plain key (so validation refuses it as unknown), never as the prototype', () => {
    const cases: ReadonlyArray<[string, unknown]> = [['__proto__=x', 'x'], ['__proto__%5B%5D=x', 'x'], ['__proto__=x&__proto__=y', ['x', 'y']], ['__proto__%5B%5D=x&__proto__%5B%5D=y', ['x', 'y']]];
    for (const [search, value] of cases) {
      const query = parseQuery(search, params);
      expect(Object.getPrototypeOf(query)).toBeNull();
      expect(Object.keys(query)).toEqual(['__proto__']);
      expect(Object.getOwnPropertyDescriptor(query, '__proto__')?.value).toEqual(value);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
  it('splits plain query strings itself exactly as URLSearchParams reads them (and leaves the rest to it)', () => {
    const viaUrlSearchParams = (search: string): Array<[string, unknown]> => {
      const collected = new Map<string, string[]>();
      for (const [raw, value] of new URLSearchParams(search)) {
        const key = raw.endsWith('[]') ? raw.slice(0, -2) : raw;
        collected.set(key, [...(collected.get(key) ?? []), value]);
      }
      return [...collected].map(([key, values]) => [key, values.length === 1 ? values[0] : values]);
    };
    const cases = ['first=10', 'a=1&&b=2', 'a', '=x', 'a==b', 'a=1&a=2', 'x[]=1&x[]=2', 'a=b=c', '&', 'a=&b', '&&a', 'a&', '=', '[]=1', 'a[]',
      's=a,b:c', "p=(x)*!@$;/'", '__proto__=x&constructor=1&toString[]=2', 'q=~_.-', '%41=1', 'a+b=c d', '?a=1', 'é=1', 'a=%zz', '\u0000=1'];
    for (const search of cases) expect(Object.entries(parseQuery(search, [])), search).toEqual(viaUrlSearchParams(search));
  });
});
