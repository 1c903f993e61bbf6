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

/** A version's routes, most literal first (OpenAPI: `/users/me` beats `/users/{id}`). */
export class RouteTable {
  private readonly bySegmentCount = new Map<number, Route[]>();

  constructor(operations: Operation[]) {
    for (const operation of operations) {
      const segments = operation.path.split('/').filter((part) => part.length > 0).map(compileSegment);
      const literals = segments.filter((s) => typeof s === 'string').length;
      const bucket = this.bySegmentCount.get(segments.length) ?? [];
      bucket.push({ operation, segments, literals });
      this.bySegmentCount.set(segments.length, bucket);
    }
    for (const bucket of this.bySegmentCount.values()) bucket.sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): RouteResult {
    // The path is read in place (no split into parts): this runs on every request.
    const routes = this.bySegmentCount.get(segmentCount(path));
    if (routes === undefined) return { kind: 'not-found' };
    // Most literal first, so the first route of the method that matches is the one.
    for (const route of routes) {
      if (route.operation.method !== method) continue;
      const pathParams = matchSegments(route, path);
      if (pathParams) return { kind: 'match', operation: route.operation, pathParams };
    }
    let allowed: Set<string> | undefined;
    for (const route of routes) if (matchSegments(route, path)) (allowed ??= new Set()).add(route.operation.method);
    if (allowed !== undefined) return { kind: 'method-not-allowed', allowed: [...allowed].sort() };
    return { kind: 'not-found' };
  }
}

const SLASH = 47;

/** How many non-empty segments the path has, without making them. */
function segmentCount(path: string): number {
  let count = 0;
  let inSegment = false;
  for (let i = 0; i < path.length; i += 1) {
    const slash = path.charCodeAt(i) === SLASH;
    if (!slash && !inSegment) count += 1;
    inSegment = !slash;
  }
  return count;
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

/** The route's parameters when `path` (with as many segments as the route) matches it; read in place. */
function matchSegments(route: Route, path: string): Record<string, string> | undefined {
  let params: Record<string, string> | undefined;
  let at = 0;
  for (const segment of route.segments) {
    while (path.charCodeAt(at) === SLASH) at += 1;
    let end = path.indexOf('/', at);
    if (end < 0) end = path.length;
    if (typeof segment === 'string') {
      if (end - at !== segment.length || !path.startsWith(segment, at)) return undefined;
    } else if ('name' in segment) {
      // A whole segment is a parameter: any non-empty text, as `([^/]+?)` would take it.
      const part = path.slice(at, end);
      (params ??= {})[segment.name] = part.includes('%') ? safeDecode(part) : part;
    } else {
      const found = segment.pattern.exec(path.slice(at, end));
      if (!found) return undefined;
      params ??= {};
      for (let i = 0; i < segment.names.length; i += 1) params[segment.names[i] as string] = safeDecode(found[i + 1] ?? '');
    }
    at = end;
  }
  return params ?? {};
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
