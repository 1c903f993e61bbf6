/** Most entries kept per kind; the least recently used goes first. */
export const PROCESS_CACHE_LIMIT = 8;

/** Kind -> key -> the build's promise. A plain Map, so two copies of the package can share it. */
type Entries = Map<string, Map<string, Promise<unknown>>>;

const KEY = Symbol.for('whop-mock.process-cache');

/**
 * The one deliberate process-wide state: immutable builds (specs, record validators, base worlds)
 * keyed by a hash of their inputs and code. On globalThis, so a test runner that re-evaluates
 * modules still finds it; promises, so two servers built at once share one build.
 */
export function cached<T>(kind: string, key: string, build: () => Promise<T>): { value: Promise<T>; hit: boolean } {
  const kinds = entries();
  const byKey = kinds.get(kind) ?? new Map<string, Promise<unknown>>();
  kinds.set(kind, byKey);
  const known = byKey.get(key) as Promise<T> | undefined;
  if (known !== undefined) {
    byKey.delete(key);
    byKey.set(key, known);
    return { value: known, hit: true };
  }
  const value = build();
  byKey.set(key, value);
  value.catch(() => byKey.get(key) === value && byKey.delete(key));
  for (const old of byKey.keys()) {
    if (byKey.size <= PROCESS_CACHE_LIMIT) break;
    byKey.delete(old);
  }
  return { value, hit: false };
}

/** Forgets one build (a world a reload replaced would otherwise hold its memory until pushed out). */
export function forgetCached(kind: string, key: string): void {
  entries().get(kind)?.delete(key);
}

/** Forgets every cached build (for tests that measure a cold start). */
export function clearProcessCache(): void {
  entries().clear();
}

function entries(): Entries {
  const holder = globalThis as typeof globalThis & { [KEY]?: Entries };
  holder[KEY] ??= new Map();
  return holder[KEY];
}
