import type { MaybePromise } from '../maybe-promise.js';
import type { JournalInput } from './journal-entry.js';
import type { KeptEntry } from './kept-entry.js';

/** Narrows a journal read; every given field must match. */
export interface JournalFilter {
  readonly method?: string;
  /** A concrete path (`/users/user_alex123`) or a template (`/users/{id}`), without /api/v1. */
  readonly path?: string;
  readonly operationId?: string;
  readonly status?: number;
}

/** Which part of the journal to read: entries after `after` (an entry id's number), oldest first. */
export interface JournalWindow {
  /** Only entries recorded after the one with this sequence number (`req_57` -> 57). */
  readonly after?: number;
  readonly limit: number;
  /** Stop adding entries once the page holds this many bytes (it always holds at least one). */
  readonly maxBytes: number;
}

/** One page of a journal read: each entry as the JSON text of a JournalEntry. */
export interface JournalPage {
  readonly entries: readonly string[];
  /** The sequence number of the page's last entry: the cursor for the next page. */
  readonly lastSeq: number | null;
  /** True when a later entry matches the filter too. */
  readonly hasMore: boolean;
}

/**
 * One session's request journal (memory-journal.ts, or redis/redis-journal.ts): ids count every
 * request the session journaled (`req_1`, ...), entries are kept oldest first within the budgets,
 * and reading never re-interprets what was recorded. `record` never fails the request.
 */
export interface Journal {
  /** Keeps the request (redacted, bodies cut to the body limit), evicting the oldest as the budgets need. */
  record(input: JournalInput): MaybePromise<void>;
  page(filter: JournalFilter, window: JournalWindow): MaybePromise<JournalPage>;
  /** Forgets every entry; returns how many there were. Ids keep counting. */
  clear(): MaybePromise<number>;
}

/** What a filter reads of an entry. */
export type EntryFacts = Pick<KeptEntry, 'method' | 'path' | 'template' | 'operationId' | 'status'>;

export function matchesFilter(facts: EntryFacts, filter: JournalFilter): boolean {
  if (filter.method !== undefined && filter.method.toUpperCase() !== facts.method.toUpperCase()) return false;
  if (filter.path !== undefined && filter.path !== facts.path && filter.path !== facts.template) return false;
  if (filter.operationId !== undefined && filter.operationId !== facts.operationId) return false;
  if (filter.status !== undefined && filter.status !== facts.status) return false;
  return true;
}
