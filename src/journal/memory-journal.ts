import type { JournalInput } from './journal-entry.js';
import { entryFacts, matchesFilter, type EntryFacts, type Journal, type JournalFilter, type JournalPage, type JournalWindow } from './journal.js';
import type { BudgetedEntry, BudgetOwner, JournalBudget } from './journal-budget.js';
import { entryText } from './entry-text.js';
import type { TimeCache } from './json-text.js';
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
  readonly facts: EntryFacts;
}

/**
 * One session's journal in memory: entries kept redacted and cut when recorded (keepEntry),
 * turned into JSON when read (entryText), kept oldest first in a queue, evicted oldest first when there are more than `entries` of them or
 * they hold more than `sessionBytes`, and when the process-wide budget needs room.
 */
export class MemoryJournal implements Journal, BudgetOwner {
  readonly #limits: JournalLimits;
  readonly #budget: JournalBudget;
  #queue: Kept[] = [];
  /** Index of the oldest kept entry in #queue (dropping from the front is O(1)). */
  #head = 0;
  #bytes = 0;
  /** Sequence number of the next recorded request. */
  #nextSeq = 1;
  readonly #time: TimeCache = { second: -1, prefix: '' };

  constructor(limits: JournalLimits, budget: JournalBudget) {
    if (!Number.isInteger(limits.entries) || limits.entries < 0) throw new Error(`journalLimit must be a whole number, 0 or more, got ${limits.entries}`);
    this.#limits = limits;
    this.#budget = budget;
  }

  get count(): number {
    return this.#queue.length - this.#head;
  }

  get bytes(): number {
    return this.#bytes;
  }

  record(input: JournalInput): void {
    if (this.#limits.entries === 0) return;
    const seq = this.#nextSeq++;
    const { entry, bytes } = keepEntry(input, this.#limits);
    // An entry that alone passes the session's budget is not kept (its id is still used).
    if (bytes > this.#limits.sessionBytes || bytes > this.#budget.totalBytes) return;
    const kept: Kept = { seq, entry, bytes, facts: entryFacts(input), owner: this, older: null, newer: null };
    this.#queue.push(kept);
    this.#bytes += bytes;
    while (this.count > this.#limits.entries || this.#bytes > this.#limits.sessionBytes) this.dropOldest();
    this.#budget.add(kept);
  }

  page(filter: JournalFilter, window: JournalWindow): JournalPage {
    const entries: string[] = [];
    let bytes = 0;
    let lastSeq: number | null = null;
    for (let i = this.#firstAfter(window.after); i < this.#queue.length; i += 1) {
      const kept = this.#queue[i] as Kept;
      if (!matchesFilter(kept.facts, filter)) continue;
      if (entries.length >= window.limit || (entries.length > 0 && bytes + kept.bytes > window.maxBytes)) {
        return { entries, lastSeq, hasMore: true };
      }
      entries.push(entryText(kept.seq, kept.entry, this.#time));
      bytes += kept.bytes;
      lastSeq = kept.seq;
    }
    return { entries, lastSeq, hasMore: false };
  }

  clear(): number {
    const count = this.count;
    for (let i = this.#head; i < this.#queue.length; i += 1) this.#budget.remove(this.#queue[i] as Kept);
    this.#queue = [];
    this.#head = 0;
    this.#bytes = 0;
    return count;
  }

  /** Evicts the oldest entry (BudgetOwner: the process budget calls this too). */
  dropOldest(): void {
    const oldest = this.#queue[this.#head];
    if (oldest === undefined) return;
    this.#queue[this.#head] = undefined as unknown as Kept;
    this.#head += 1;
    this.#bytes -= oldest.bytes;
    this.#budget.remove(oldest);
    // Compact now and then, so the dropped front does not grow the array for ever.
    if (this.#head >= 1024 && this.#head * 2 >= this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Index of the first kept entry with a sequence number above `after` (binary search: seqs ascend). */
  #firstAfter(after: number | undefined): number {
    if (after === undefined) return this.#head;
    let low = this.#head;
    let high = this.#queue.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#queue[mid] as Kept).seq <= after) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
