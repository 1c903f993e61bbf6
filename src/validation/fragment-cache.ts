import type { ItemSource } from '../answers/item-sources.js';

/** How many fragments (items, or single-record bodies) one response (one operation, version and status) remembers before it starts over. */
export const FRAGMENT_LIMIT = 10_000;

/** How many characters of fragments one response remembers before it starts over (about 4 MB). */
export const FRAGMENT_CHARS = 4 * 1024 * 1024;

interface Entry {
  /**
   * The item's sources after its own record, as they were when its fragments were made: a record
   * (any object) through a WeakRef, so that nothing here keeps it alive; anything else (undefined:
   * no such record) as it is.
   */
  readonly dependencies: readonly unknown[];
  /** variant (validated or not, the fields masked) -> the item's served JSON. */
  readonly texts: Map<string, string>;
}

/**
 * The served JSON of list items, or of single-record bodies (projected into one version, masked
 * for one set of hidden fields, and, when `validated`, found valid against the item schema or the
 * response's schema), keyed by the identity of the records the item was built from. Records are frozen and replaced on write, so the same
 * records mean the same item; a record that is replaced, deleted or evicted with its session
 * simply stops being asked for. No record is kept alive here: the item's own record is a WeakMap
 * key, the others (a member's user and company, a user's picture file) are held through WeakRefs,
 * and an entry whose other record was collected never matches again.
 *
 * Bounded: after FRAGMENT_LIMIT fragments or FRAGMENT_CHARS characters it forgets everything and
 * starts over (as memo-formats does), so at most about 4 MB of text per response.
 */
export class FragmentCache {
  #entries = new WeakMap<object, Entry>();
  #count = 0;
  #chars = 0;

  constructor(
    private readonly limit = FRAGMENT_LIMIT,
    private readonly maxChars = FRAGMENT_CHARS,
  ) {}

  get(source: ItemSource, variant: string): string | undefined {
    const entry = this.#entries.get(source[0]);
    if (entry === undefined || !sameDependencies(entry.dependencies, source)) return undefined;
    return entry.texts.get(variant);
  }

  set(source: ItemSource, variant: string, text: string): void {
    if (this.#count >= this.limit || this.#chars + text.length > this.maxChars) {
      this.#entries = new WeakMap();
      this.#count = 0;
      this.#chars = 0;
    }
    let entry = this.#entries.get(source[0]);
    if (entry === undefined || !sameDependencies(entry.dependencies, source)) {
      entry = { dependencies: weakly(source), texts: new Map() };
      this.#entries.set(source[0], entry);
    }
    entry.texts.set(variant, text);
    this.#count += 1;
    this.#chars += text.length;
  }
}

/** The sources after the item's own record, each record (object) as a WeakRef. */
function weakly(source: ItemSource): unknown[] {
  const dependencies: unknown[] = [];
  for (let i = 1; i < source.length; i++) {
    const dependency = source[i];
    dependencies.push(typeof dependency === 'object' && dependency !== null ? new WeakRef(dependency) : dependency);
  }
  return dependencies;
}

function sameDependencies(known: readonly unknown[], source: ItemSource): boolean {
  if (known.length !== source.length - 1) return false;
  for (let i = 0; i < known.length; i++) {
    const was = known[i];
    const is = source[i + 1];
    // A collected record derefs to undefined: never the same as an absent one (undefined).
    if (was instanceof WeakRef ? is === undefined || was.deref() !== is : was !== is) return false;
  }
  return true;
}
