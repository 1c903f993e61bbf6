import type { Logger } from '../http/logger.js';
import type { StaleAnswer } from '../http/stale-answer.js';
import { entryFields } from '../journal/entry-text.js';
import type { JournalInput } from '../journal/journal-entry.js';
import { matchesFilter, type Journal, type JournalFilter, type JournalPage, type JournalWindow } from '../journal/journal.js';
import type { TimeCache } from '../journal/json-text.js';
import { keepEntry } from '../journal/kept-entry.js';
import type { JournalLimits } from '../journal/memory-journal.js';
import { CallBatch } from './call-batch.js';
import type { StoreClient } from './redis-client.js';
import type { ReadAt } from './redis-session.js';

export interface RedisJournalLimits extends JournalLimits {
  /** Bytes every session's journal keeps together, across every replica. */
  readonly totalBytes: number;
}

/** Entries read per XRANGE while paging. */
const BATCH = 256;

/**
 * One entry as the append script takes it: two arguments, `name\nepoch\nbytes\nmethod\npath\n
 * template\noperationId\nstatus\ncheck\n` and the entry's text (lua-journal.ts). The fields in one
 * string rather than nine: each argument costs a header and a string in Redis. The text on its
 * own: Redis stores it as it read it, where cutting it out of a longer argument copied it again.
 */
type AppendItem = readonly [fields: string, text: string];
export type JournalAppends = CallBatch<AppendItem, unknown>;

/**
 * The store's journal writes: the entries of requests answered at about the same time (of any
 * session) go to Redis as append scripts of at most BATCH_ITEMS entries, each request still
 * waiting for its own entry.
 */
export function journalAppends(client: StoreClient, prefix: string, limits: RedisJournalLimits, touch: SessionTouch): JournalAppends {
  const head = [prefix, String(limits.entries), String(limits.sessionBytes), String(limits.totalBytes), String(touch.idleMs), String(touch.touchEveryMs), touch.defaultName];
  return new CallBatch<AppendItem, unknown>((items: AppendItem[]) => {
    const args = head.slice();
    for (const [fields, text] of items) args.push(fields, text);
    return client.runBuilt('wmAppend', args).then((reply) => (Array.isArray(reply) ? (reply as unknown[]) : []));
  });
}

/** What a confirmed entry refreshes as an open does: the session's expiry and LRU place (not the default session's). */
export interface SessionTouch {
  readonly idleMs: number;
  readonly touchEveryMs: number;
  readonly defaultName: string;
}

/** The request's answer as the journal confirms it (RedisSession). */
export interface AnswerCheck {
  /** The copy the answer was read from, when it was handed out without an open; else undefined. */
  readonly readAt: ReadAt | undefined;
  /** Notes that the answer was not current; the error that has the request run again. */
  refuted(): StaleAnswer;
  /** Notes that the answer could not be confirmed (the append failed); the error that answers the request with `error`. */
  unconfirmed(error: unknown): StaleAnswer;
}

/**
 * One session's journal in a Redis stream (`…:j`), entry id `<seq>-0` for `req_<seq>`. An entry
 * is redacted and cut on this replica (keepEntry, exactly as in memory) and stored as the JSON
 * after its id; the budgets are kept by the append script. Reading pages through the stream from
 * the cursor, filtering on the fields stored beside the text.
 */
export class RedisJournal implements Journal {
  constructor(
    private readonly client: StoreClient,
    private readonly appends: JournalAppends,
    /** The store's (one per replica): a journal lives only as long as one request. */
    private readonly time: TimeCache,
    private readonly prefix: string,
    private readonly name: string,
    private readonly epoch: () => string,
    private readonly limits: RedisJournalLimits,
    private readonly logger: Logger,
    private readonly answer: AnswerCheck,
  ) {}

  /**
   * Resolves once the entry is in Redis. An answer read from a copy without an open is kept only
   * if the entry confirms it; when the script refutes it, this rejects with a StaleAnswer (nothing
   * kept, the request runs again). When the append fails (Redis down, or its reply later than the
   * store timeout), the answer is neither confirmed nor refuted and the script may have run: the
   * request is answered 503 mock_store_unavailable and never run again (which could journal it
   * twice); its entry may or may not be kept. Any other answer stands, kept or not.
   */
  record(input: JournalInput): Promise<void> | undefined {
    if (this.limits.entries === 0) return undefined;
    const { entry, bytes } = keepEntry(input, this.limits);
    const readAt = this.answer.readAt;
    const epoch = readAt === undefined ? this.epoch() : readAt.epoch;
    const check = readAt === undefined ? '' : String(readAt.version);
    const fields = `${this.name}\n${epoch}\n${bytes}\n${input.method}\n${oneLine(input.path)}\n${oneLine(input.template ?? '')}\n${oneLine(input.operationId ?? '')}\n${input.status ?? ''}\n${check}\n`;
    return this.appends.add([fields, entryFields(entry, this.time)], {
      ok: (seq) => {
        if (seq === -1) throw this.answer.refuted();
      },
      failed: (error) => {
        if (readAt !== undefined) throw this.answer.unconfirmed(error);
        // Never fails the request: its answer stands (a write it made is committed already).
        this.logger.warn('a journal entry was not kept: the Redis store is unavailable', { session: this.name, path: input.path, error: error instanceof Error ? error.message : String(error) });
      },
    });
  }

  async page(filter: JournalFilter, window: JournalWindow): Promise<JournalPage> {
    const key = `${this.prefix}s:${this.name}:j`;
    const entries: string[] = [];
    let bytes = 0;
    let lastSeq: number | null = null;
    let from = `${(window.after ?? 0) + 1}-0`;
    for (;;) {
      const batch = await this.client.range(key, from, BATCH);
      for (const [id, fields] of batch) {
        const seq = Number.parseInt(id, 10);
        const field = fieldsOf(fields);
        const status = field.s === '' ? null : Number(field.s);
        const facts = { method: field.m ?? '', path: field.p ?? '', template: field.t || null, operationId: field.o || null, status };
        if (!matchesFilter(facts, filter)) continue;
        const size = Number(field.b);
        if (entries.length >= window.limit || (entries.length > 0 && bytes + size > window.maxBytes)) return { entries, lastSeq, hasMore: true };
        entries.push(`{"id":"req_${seq}",${field.e ?? '}'}`);
        bytes += size;
        lastSeq = seq;
      }
      if (batch.length < BATCH) return { entries, lastSeq, hasMore: false };
      from = `(${(batch[batch.length - 1] as [string, string[]])[0]}`;
    }
  }

  async clear(): Promise<number> {
    return Number(await this.client.run('wmClearJournal', [this.prefix, this.name]));
  }
}

/**
 * A field of an append argument, which a newline ends. The HTTP parser refuses CR and LF in a
 * request target and the spec's templates and operation ids hold none, so this never changes a
 * real value; it only keeps the argument well formed whatever comes.
 */
function oneLine(value: string): string {
  return value.includes('\n') ? value.replaceAll('\n', ' ') : value;
}

function fieldsOf(flat: readonly string[]): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1];
  return fields;
}
