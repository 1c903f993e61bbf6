import { toJournalEntry, type JournalEntry, type JournalInput } from './journal-entry.js';

/** Narrows GET /__mock/requests; every given field must match. */
export interface JournalFilter {
  readonly method?: string;
  /** A concrete path (`/users/user_alex123`) or a template (`/users/{id}`), without /api/v1. */
  readonly path?: string;
  readonly operationId?: string;
  readonly status?: number;
}

/**
 * One session's request journal: a ring buffer of the last `limit` API requests (0 keeps none),
 * so a long-running server's memory stays bounded. Requests are stored as received and turned
 * into JSON only when read, so recording costs the request path almost nothing.
 */
export class Journal {
  readonly #limit: number;
  #ring: JournalInput[] = [];
  /** Index of the oldest entry once the ring is full. */
  #start = 0;
  /** Sequence number of the oldest entry in the ring. */
  #firstSeq = 1;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`journalLimit must be a whole number, 0 or more, got ${limit}`);
    this.#limit = limit;
  }

  get size(): number {
    return this.#ring.length;
  }

  record(input: JournalInput): void {
    if (this.#limit === 0) return;
    if (this.#ring.length < this.#limit) {
      this.#ring.push(input);
      return;
    }
    this.#ring[this.#start] = input;
    this.#start = (this.#start + 1) % this.#limit;
    this.#firstSeq += 1;
  }

  /** Oldest first. Ids (`req_1`, `req_2`, ...) count every request the session has journaled. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const entries: JournalEntry[] = [];
    for (let i = 0; i < this.#ring.length; i += 1) {
      const input = this.#ring[(this.#start + i) % this.#ring.length] as JournalInput;
      if (matches(input, filter)) entries.push(toJournalEntry(`req_${this.#firstSeq + i}`, input));
    }
    return entries;
  }

  /** Forgets every entry; returns how many there were. Ids keep counting. */
  clear(): number {
    const count = this.#ring.length;
    this.#firstSeq += count;
    this.#ring = [];
    this.#start = 0;
    return count;
  }
}

function matches(input: JournalInput, filter: JournalFilter): boolean {
  if (filter.method !== undefined && filter.method.toUpperCase() !== input.method.toUpperCase()) return false;
  if (filter.path !== undefined && filter.path !== input.path && filter.path !== input.template) return false;
  if (filter.operationId !== undefined && filter.operationId !== input.operationId) return false;
  if (filter.status !== undefined && filter.status !== input.status) return false;
  return true;
}
