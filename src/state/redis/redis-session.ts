import { ApiError } from '../../kernel/api-error.js';
import { errors } from '../../kernel/catalogue.js';
import type { SessionExtras } from '../session-extras.js';
import type { StoredSession } from '../session-store.js';
import type { RecordWrite } from '../../world/write-ledger.js';
import type { WorldState } from '../../world/world-state.js';
import type { CachedSession } from './cached-session.js';

/** How many times a request is run when other replicas keep committing to its session first. */
export const COMMIT_ATTEMPTS = 5;

/** What a session's transaction needs from the store. */
export interface SessionCommits {
  /** Reloads the replica's copy whole (after a conflict or a failed commit). */
  refresh(name: string, entry: CachedSession): Promise<void>;
  /** Commits one request's writes if the session is still at (epoch, version) (and, faultFree, has no fault rules). */
  commit(name: string, epoch: string, version: number, writes: readonly RecordWrite[], faultFree: boolean): Promise<CommitResult>;
}

export type CommitResult = { readonly kind: 'ok'; readonly version: number } | { readonly kind: 'conflict' } | { readonly kind: 'faults' } | { readonly kind: 'full'; readonly bytes: number };

/** The copy an answer was read from, which its journal entry confirms. */
type ReadAt = Readonly<Pick<CachedSession, 'epoch' | 'version'>>;

/**
 * A session as one request on this replica sees it: the replica's copy of its world, its journal
 * and faults in Redis, and `transact`: the answer step under the session's lock, its writes
 * committed with an optimistic version check, run again when another replica committed first.
 */
export class RedisSession implements StoredSession {
  readonly extras: SessionExtras;
  /** Handed out without an open: the copy the answer is read from, until a commit confirms it. */
  readAt: ReadAt | undefined;
  /** The copy's `taken` count when it was handed out. */
  readonly #readTaken: number;
  /** The answer read from the copy was not current: nothing of it is kept, and it runs again (serve). */
  stale = false;
  /** The answer could not be confirmed (the check failed, its fate unknown): answered with this, never run again. */
  unconfirmedBy: ApiError | undefined;

  constructor(
    readonly name: string,
    private readonly entry: CachedSession,
    private readonly store: SessionCommits,
    private readonly byteLimit: number,
    unopened: boolean,
    extras: (session: RedisSession) => SessionExtras,
  ) {
    this.readAt = unopened ? { epoch: entry.epoch, version: entry.version } : undefined;
    this.#readTaken = entry.taken;
    this.extras = extras(this);
  }

  /** The answer read at `readAt` was not current; returns the error that ends this run at once. */
  refuted(): ApiError {
    this.entry.refute();
    this.stale = true;
    return errors.storeBusy(1);
  }

  /** The answer read at `readAt` could not be confirmed (fate unknown): the store's error, never run again. */
  unconfirmed(error: unknown): void {
    this.entry.refute();
    this.unconfirmedBy = error instanceof ApiError ? error : errors.storeUnavailable(error instanceof Error ? error.message : String(error));
  }

  get state(): WorldState {
    return this.entry.state;
  }

  readonly transact = async <T>(run: () => Promise<T>): Promise<T> => {
    const entry = this.entry;
    for (let attempt = 1; ; attempt += 1) {
      const waiting = entry.acquire();
      if (waiting !== undefined) await waiting;
      let writes: RecordWrite[] = [];
      try {
        if (entry.stale) await this.store.refresh(this.name, entry);
        const { epoch, version, state } = entry;
        if (this.readAt !== undefined) {
          // Handed out unopened, the request was authenticated on the copy as it was then: once an
          // open changed it, nothing confirms that, so it runs again opened first. This replica's
          // own commits since (the lock's order) move it on, as they would in memory.
          if (entry.taken !== this.#readTaken) throw this.refuted();
          this.readAt = { epoch, version };
        }
        state.ledger.capture();
        let result: T;
        try {
          result = await run();
        } finally {
          writes = latest(state.ledger.collected());
        }
        if (writes.length === 0) return result;
        let committed: CommitResult;
        try {
          committed = await this.store.commit(this.name, epoch, version, writes, this.readAt !== undefined);
        } catch (error) {
          // Fate unknown: the answer is that error, never run again (it could apply its writes twice).
          this.readAt = undefined;
          throw error;
        }
        if (committed.kind === 'ok') {
          if (entry.state === state && entry.epoch === epoch) entry.version = Math.max(entry.version, committed.version);
          // The commit checked, after the request came, what its journal entry would have.
          this.readAt = undefined;
          return result;
        }
        // Refused: this copy holds writes Redis does not. Reload, then (on a conflict) run again.
        entry.stale = true;
        // A fault rule the request did not take: it runs again from the start.
        if (committed.kind === 'faults') throw this.refuted();
        if (committed.kind === 'full') throw errors.sessionFull(this.byteLimit, committed.bytes);
        if (attempt >= COMMIT_ATTEMPTS) throw errors.storeBusy(attempt);
      } catch (error) {
        // A run that failed, or a commit whose fate is unknown: the copy may hold writes Redis lacks.
        if (writes.length > 0) entry.stale = true;
        throw error;
      } finally {
        entry.release();
      }
    }
  };
}

/** One write per record, the last (a request that put a record twice commits it once). */
function latest(writes: readonly RecordWrite[]): RecordWrite[] {
  if (writes.length < 2) return [...writes];
  const byField = new Map<string, RecordWrite>();
  for (const write of writes) byField.set(`${write.kind}:${write.key}`, write);
  return [...byField.values()];
}
