import type { Logger } from '../../logging/logger.js';
import { entryFields } from '../journal/entry-text.js';
import type { JournalInput } from '../journal/journal-entry.js';
import { matchesFilter, type Journal, type JournalFilter, type JournalPage, type JournalWindow } from '../journal/journal.js';
import { keepEntry } from '../journal/kept-entry.js';
import type { JournalLimits } from '../journal/memory-journal.js';
import { CallBatch } from './call-batch.js';
import type { StoreClient } from './redis-client.js';
import type { RedisSession } from './redis-session.js';

export interface RedisJournalLimits extends JournalLimits {
  /** Bytes every session's journal keeps together, across every replica. */
  readonly totalBytes: number;
}

/** Entries read per XRANGE while paging. */
const BATCH = 256;

/**
 * One entry as the append script takes it (lua-journal.ts): its newline-ended fields in one string
 * (each argument costs a header and a string in Redis) and its text on its own (Redis stores it as
 * it read it, where cutting it out of a longer argument copied it again).
 */
type AppendItem = readonly [fields: string, text: string];
export type JournalAppends = CallBatch<AppendItem, unknown>;

/**
 * The store's journal writes: entries of requests answered at about the same time (of any session)
 * go as append scripts of at most BATCH_ITEMS entries. `touch`: what a confirmed entry refreshes as
 * an open does (the session's expiry and LRU place; not the default session's).
 */
export function journalAppends(client: StoreClient, prefix: string, limits: RedisJournalLimits, touch: { idleMs: number; touchEveryMs: number; defaultName: string }): JournalAppends {
  const head = [prefix, String(limits.entries), String(limits.sessionBytes), String(limits.totalBytes), String(touch.idleMs), String(touch.touchEveryMs), touch.defaultName];
  return new CallBatch<AppendItem, unknown>((items: AppendItem[]) => {
    const args = head.slice();
    for (const [fields, text] of items) args.push(fields, text);
    return client.run('wmAppend', args).then((reply) => (Array.isArray(reply) ? (reply as unknown[]) : []));
  });
}

/** The request's answer as the journal confirms it. */
type AnswerCheck = Pick<RedisSession, 'readAt' | 'stale' | 'refuted' | 'unconfirmed'>;

/**
 * One session's journal in a Redis stream (`…:j`), entry id `<seq>-0` for `req_<seq>`: entries
 * redacted and cut here (keepEntry, as in memory), stored as the JSON after their id; the append
 * script keeps the budgets. Reading pages through the stream, filtering on the fields beside the text.
 */
export class RedisJournal implements Journal {
  constructor(
    private readonly client: StoreClient,
    private readonly appends: JournalAppends,
    private readonly prefix: string,
    private readonly name: string,
    private readonly epoch: () => string,
    private readonly limits: RedisJournalLimits,
    private readonly logger: Logger,
    private readonly answer: AnswerCheck,
  ) {}

  /**
   * Resolves once the entry is in Redis. An answer read without an open is kept only if the entry
   * confirms it (refuted: the request runs again). A failed append neither confirms nor refutes
   * (the script may have run): a 503, never run again (it could be journaled twice).
   */
  record(input: JournalInput): Promise<void> | undefined {
    if (this.limits.entries === 0 || this.answer.stale) return undefined;
    const { entry, bytes } = keepEntry(input, this.limits);
    const readAt = this.answer.readAt;
    const epoch = readAt === undefined ? this.epoch() : readAt.epoch;
    const check = readAt === undefined ? '' : String(readAt.version);
    const fields = `${this.name}\n${epoch}\n${bytes}\n${input.method}\n${oneLine(input.path)}\n${oneLine(input.template ?? '')}\n${oneLine(input.operationId ?? '')}\n${input.status ?? ''}\n${check}\n`;
    return this.appends.add([fields, entryFields(entry)], {
      ok: (seq) => {
        if (seq === -1) this.answer.refuted();
      },
      failed: (error) => {
        if (readAt !== undefined) return this.answer.unconfirmed(error);
        // Never fails the request: its answer stands (a write it made is committed already).
        this.logger.warn('a journal entry was not kept: the Redis store is unavailable', { mock_session: this.name, path: input.path, error: error instanceof Error ? error.message : String(error) });
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

/** A newline-ended field: none can hold one (the HTTP parser refuses them); this keeps the argument well formed. */
function oneLine(value: string): string {
  return value.includes('\n') ? value.replaceAll('\n', ' ') : value;
}

function fieldsOf(flat: readonly string[]): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1];
  return fields;
}
