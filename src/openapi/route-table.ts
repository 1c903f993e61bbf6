import type { Operation } from './compile-operations.js';

export type RouteResult =
  | { kind: 'match'; operation: Operation; pathParams: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

interface Route {
  operation: Operation;
  /** A literal, a whole-segment parameter (`{id}`: its name), or a segment mixing both. */
  segments: Array<string | { name: string } | { pattern: RegExp; names: string[] }>;
  literals: number;
}

/**
 * Matches a request path to an operation of one version. Built once at start. Literal segments
 * beat templated ones (OpenAPI: `/users/me` wins over `/users/{id}` for PATCH), so routes are
 * tried most-literal first.
 */
export class RouteTable {
  private readonly bySegmentCount = new Map<number, Route[]>();

  constructor(operations: Operation[]) {
    for (const operation of operations) {
      const segments = split(operation.path).map(compileSegment);
      const literals = segments.filter((s) => typeof s === 'string').length;
      const bucket = this.bySegmentCount.get(segments.length) ?? [];
      bucket.push({ operation, segments, literals });
      this.bySegmentCount.set(segments.length, bucket);
    }
    for (const bucket of this.bySegmentCount.values()) bucket.sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): RouteResult {
    const parts = split(path);
    let allowed: Set<string> | undefined;
    let best: { operation: Operation; pathParams: Record<string, string>; literals: number } | undefined;
    for (const route of this.bySegmentCount.get(parts.length) ?? []) {
      if (best && route.literals < best.literals) break;
      const pathParams = matchSegments(route, parts);
      if (!pathParams) continue;
      if (route.operation.method === method) {
        best ??= { operation: route.operation, pathParams, literals: route.literals };
      } else if (!best) {
        (allowed ??= new Set()).add(route.operation.method);
      }
    }
    if (best) return { kind: 'match', operation: best.operation, pathParams: best.pathParams };
    if (allowed !== undefined) return { kind: 'method-not-allowed', allowed: [...allowed].sort() };
    return { kind: 'not-found' };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

function compileSegment(segment: string): Route['segments'][number] {
  if (!segment.includes('{')) return segment;
  const whole = /^\{([^{}]+)\}$/.exec(segment);
  if (whole) return { name: whole[1] as string };
  const names: string[] = [];
  const source = segment.replace(/\{([^}]+)\}|([^{]+)/g, (_all, name: string | undefined, literal: string | undefined) => {
    if (name !== undefined) {
      names.push(name);
      return '([^/]+?)';
    }
    return (literal ?? '').replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  });
  return { pattern: new RegExp(`^${source}$`), names };
}

function matchSegments(route: Route, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const segment = route.segments[i];
    const part = parts[i] as string;
    if (typeof segment === 'string') {
      if (segment !== part) return undefined;
      continue;
    }
    if (segment === undefined) return undefined;
    if ('name' in segment) {
      // A whole segment is a parameter: any non-empty text, as `([^/]+?)` would take it.
      params[segment.name] = part.includes('%') ? safeDecode(part) : part;
      continue;
    }
    const found = segment.pattern.exec(part);
    if (!found) return undefined;
    segment.names.forEach((name, index) => {
      params[name] = safeDecode(found[index + 1] ?? '');
    });
  }
  return params;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
