import type { JournalInput } from './journal-entry.js';
import { matchesFilter, type Journal, type JournalFilter, type JournalPage, type JournalWindow } from './journal.js';
import type { BudgetedEntry, BudgetOwner, JournalBudget } from './journal-budget.js';
import { entryText } from './entry-text.js';
import { firstIndex } from '../../world/ordered-view.js';
import { keepEntry, type EntryFormat, type KeptEntry } from './kept-entry.js';

/** The limits of one session's journal (the process-wide byte budget is the JournalBudget). */
export interface JournalLimits extends EntryFormat {
  /** Most entries kept (0 keeps none). */
  readonly entries: number;
  /** Most bytes kept, as `bytes` counts them. */
  readonly sessionBytes: number;
}

interface Kept extends BudgetedEntry {
  readonly seq: number;
  readonly entry: KeptEntry;
}

/** A new session's ring holds this many entries before it first grows (doubling, up to `entries`). */
const FIRST_CAPACITY = 16;

/**
 * One session's journal in memory, oldest first in a ring that grows by doubling up to `entries`
 * and is then reused (a full journal records without allocating, and drops its oldest in O(1)).
 */
export class MemoryJournal implements Journal, BudgetOwner {
  readonly #limits: JournalLimits;
  readonly #budget: JournalBudget;
  #ring: Array<Kept | undefined> = [];
  /** Slot of the oldest kept entry in #ring. */
  #head = 0;
  /** Entries kept now, and the bytes they hold. */
  count = 0;
  bytes = 0;
  #nextSeq = 1;

  constructor(limits: JournalLimits, budget: JournalBudget) {
    if (!Number.isInteger(limits.entries) || limits.entries < 0) throw new Error(`journalLimit must be a whole number, 0 or more, got ${limits.entries}`);
    this.#limits = limits;
    this.#budget = budget;
  }

  /** Slots the ring holds now, used or not (memory the byte budgets do not count). */
  get slots(): number {
    return this.#ring.length;
  }

  record(input: JournalInput): void {
    if (this.#limits.entries === 0) return;
    const seq = this.#nextSeq++;
    const { entry, bytes } = keepEntry(input, this.#limits);
    // An entry that alone passes the session's budget is not kept (its id is still used).
    if (bytes > this.#limits.sessionBytes || bytes > this.#budget.totalBytes) return;
    const kept: Kept = { seq, entry, bytes, owner: this, older: null, newer: null };
    // Room first (oldest out), so the ring never holds more than `entries`; then the byte budget.
    while (this.count >= this.#limits.entries) this.dropOldest();
    this.#push(kept);
    this.bytes += bytes;
    while (this.bytes > this.#limits.sessionBytes) this.dropOldest();
    this.#budget.add(kept);
  }

  page(filter: JournalFilter, window: JournalWindow): JournalPage {
    const entries: string[] = [];
    let bytes = 0;
    let lastSeq: number | null = null;
    for (let i = this.#firstAfter(window.after); i < this.count; i += 1) {
      const kept = this.#at(i);
      if (!matchesFilter(kept.entry, filter)) continue;
      if (entries.length >= window.limit || (entries.length > 0 && bytes + kept.bytes > window.maxBytes)) {
        return { entries, lastSeq, hasMore: true };
      }
      entries.push(entryText(kept.seq, kept.entry));
      bytes += kept.bytes;
      lastSeq = kept.seq;
    }
    return { entries, lastSeq, hasMore: false };
  }

  clear(): number {
    const count = this.count;
    for (let i = 0; i < count; i += 1) this.#budget.remove(this.#at(i));
    this.#ring = [];
    this.#head = 0;
    this.count = 0;
    this.bytes = 0;
    return count;
  }

  /** Evicts the oldest entry (BudgetOwner: the process budget calls this too). */
  dropOldest(): void {
    if (this.count === 0) return;
    const oldest = this.#at(0);
    this.#ring[this.#head] = undefined;
    this.#head = this.#head + 1 === this.#ring.length ? 0 : this.#head + 1;
    this.count -= 1;
    this.bytes -= oldest.bytes;
    this.#budget.remove(oldest);
    // A session the process budget has emptied (or nearly) gives its slots back: a ring a quarter
    // full or less shrinks to twice its count, so rotating sessions never each keep their peak.
    if (this.#ring.length > FIRST_CAPACITY && this.count <= this.#ring.length / 4) this.#resize(Math.max(FIRST_CAPACITY, this.count * 2));
  }

  #at(i: number): Kept {
    const slot = this.#head + i;
    return this.#ring[slot < this.#ring.length ? slot : slot - this.#ring.length] as Kept;
  }

  #push(kept: Kept): void {
    if (this.count === this.#ring.length) this.#resize(Math.min(this.#limits.entries, Math.max(FIRST_CAPACITY, this.count * 2)));
    const slot = this.#head + this.count;
    this.#ring[slot < this.#ring.length ? slot : slot - this.#ring.length] = kept;
    this.count += 1;
  }

  #resize(slots: number): void {
    const ring = new Array<Kept | undefined>(slots);
    for (let i = 0; i < this.count; i += 1) ring[i] = this.#at(i);
    this.#ring = ring;
    this.#head = 0;
  }

  /** Position (0 = oldest) of the first kept entry with a seq above `after` (binary search: seqs ascend). */
  #firstAfter(after: number | undefined): number {
    return after === undefined ? 0 : firstIndex(this.count, (i) => this.#at(i).seq <= after);
  }
}
