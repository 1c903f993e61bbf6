/** Most entries kept per kind; the least recently used goes first. */
export const PROCESS_CACHE_LIMIT = 8;

/** Kind -> key -> the build's promise. A plain Map, so two copies of the package can share it. */
type Entries = Map<string, Map<string, Promise<unknown>>>;

const KEY = Symbol.for('whop-mock.process-cache');

/**
 * The one deliberate piece of process-wide state: immutable things built at start (compiled
 * specs and validators, record validators, frozen base worlds), keyed by a hash of everything
 * they were built from and of the code that built them, so the second `createMockServer()` with
 * the same specs and fixtures reuses them instead of building them again. Nothing mutable goes
 * in here: sessions, journals, faults, cursor keys and HTTP servers are made per server, so two
 * servers still never see each other's writes. It lives on globalThis (under a registered
 * symbol) so that a test runner that re-evaluates modules per test file still finds it. Values
 * are promises, so two servers built at once share one build; a failed build is forgotten.
 */
export function cached<T>(kind: string, key: string, build: () => Promise<T>): { value: Promise<T>; hit: boolean } {
  const kinds = entries();
  let byKey = kinds.get(kind);
  if (byKey === undefined) kinds.set(kind, (byKey = new Map()));
  const known = byKey.get(key) as Promise<T> | undefined;
  if (known !== undefined) {
    byKey.delete(key);
    byKey.set(key, known);
    return { value: known, hit: true };
  }
  const value = build();
  byKey.set(key, value);
  const table = byKey;
  value.catch(() => table.get(key) === value && table.delete(key));
  for (const old of byKey.keys()) {
    if (byKey.size <= PROCESS_CACHE_LIMIT) break;
    byKey.delete(old);
  }
  return { value, hit: false };
}

/**
 * Forgets one build (a world a reload replaced: kept, it would hold its memory until seven
 * more builds pushed it out). Servers using it keep their reference; only later starts rebuild it.
 */
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
