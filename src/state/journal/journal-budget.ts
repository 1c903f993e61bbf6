/** Whoever holds budgeted entries: asked to drop its oldest when the process budget needs room. */
export interface BudgetOwner {
  dropOldest(): void;
}

/** One kept entry, linked into the process-wide list in the order entries were recorded. */
export interface BudgetedEntry {
  readonly bytes: number;
  readonly owner: BudgetOwner;
  older: BudgetedEntry | null;
  newer: BudgetedEntry | null;
}

/**
 * The byte budget every session's journal shares: all kept entries, oldest first, whichever session
 * they belong to. Sessions keep theirs oldest first too, so the oldest here is its session's oldest.
 */
export class JournalBudget {
  readonly totalBytes: number;
  #oldest: BudgetedEntry | null = null;
  #newest: BudgetedEntry | null = null;
  /** Bytes and entries kept now, across every session. */
  bytes = 0;
  count = 0;

  constructor(totalBytes: number) {
    if (!(Number.isInteger(totalBytes) && totalBytes >= 0)) throw new Error(`the journal's total byte budget must be a whole number, 0 or more, got ${totalBytes}`);
    this.totalBytes = totalBytes;
  }

  /** Links a new entry as the newest, then evicts the oldest entries until the total fits. */
  add(entry: BudgetedEntry): void {
    entry.older = this.#newest;
    entry.newer = null;
    if (this.#newest) this.#newest.newer = entry;
    else this.#oldest = entry;
    this.#newest = entry;
    this.bytes += entry.bytes;
    this.count += 1;
    while (this.bytes > this.totalBytes && this.#oldest !== null && this.#oldest !== entry) {
      const victim = this.#oldest;
      victim.owner.dropOldest();
      // The owner's oldest is the process's oldest; unlink it here too should an owner not have.
      if (this.#oldest === victim) this.remove(victim);
    }
  }

  /** Unlinks an entry its owner dropped (evicted, cleared). */
  remove(entry: BudgetedEntry): void {
    if (entry.older) entry.older.newer = entry.newer;
    else if (this.#oldest === entry) this.#oldest = entry.newer;
    else return; // not linked (removed already)
    if (entry.newer) entry.newer.older = entry.older;
    else this.#newest = entry.older;
    entry.older = null;
    entry.newer = null;
    this.bytes -= entry.bytes;
    this.count -= 1;
  }
}
