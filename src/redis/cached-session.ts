import type { WorldState } from '../store/world-state.js';
import { writesOf } from './record-writes.js';

/**
 * A replica's copy of one session: its world at (epoch, version) as the store last said, and a
 * lock so that this replica answers one request of the session at a time from the answer step
 * to the commit (requests of one session on one replica never conflict with each other, and
 * none reads another's write before it is committed). `stale`: the world may hold writes that
 * were never committed (a conflict, a failed commit); the next open reloads it whole.
 */
export class CachedSession {
  epoch = '';
  version = 0;
  stale = true;
  /** Fault rules the session had at the last open (-1: not opened yet). */
  faults = -1;
  /**
   * Whether a request may be answered from this copy at once, its journal entry confirming it
   * (RedisSessions.openForRequest): set by an open that found nothing new, cleared when an answer
   * is refuted. `refuted`
   * counts those, so an open sent before a refutation does not set it again.
   */
  trusted = false;
  refuted = 0;
  /**
   * Counts the times an open changed this copy (reloaded it, or applied other replicas' writes);
   * this replica's own commits do not. An answer handed out unopened was authenticated on the copy
   * as it was then: once this moved, nothing confirms that (RedisSession.transact).
   */
  taken = 0;
  #held = false;
  readonly #waiting: (() => void)[] = [];
  /** The open sent for this copy and not answered yet, and the one that goes out when it is. */
  #syncing: Promise<number> | undefined;
  #nextSync: Promise<number> | undefined;

  constructor(public state: WorldState) {}

  /**
   * Runs `open` (the open script, which brings this copy up to date) with at most one in flight:
   * requests arriving while one is share the next, sent when it is answered. Never the one
   * already sent: it may have run in Redis before a write they must see. So under load a session
   * costs one round trip per wave of requests, and each still sees every write acknowledged
   * before it came.
   */
  sync(open: () => Promise<number>): Promise<number> {
    if (this.#nextSync !== undefined) return this.#nextSync;
    if (this.#syncing === undefined) return this.#send(open);
    const next = this.#syncing.then(ignore, ignore).then(() => {
      this.#nextSync = undefined;
      return this.#send(open);
    });
    this.#nextSync = next;
    return next;
  }

  #send(open: () => Promise<number>): Promise<number> {
    const sent = open();
    this.#syncing = sent;
    const done = (): void => {
      if (this.#syncing === sent) this.#syncing = undefined;
    };
    sent.then(done, done);
    return sent;
  }

  /**
   * Brings the copy up to date from an open's reply ({'ok', epoch, version, faultCount, bytes,
   * mode, field, json, ...}: lua-session.ts); `refuted` is the count when the open was sent.
   */
  take(reply: readonly (string | number)[], refuted: number, fresh: () => WorldState): void {
    const epoch = String(reply[1]);
    const version = Number(reply[2]);
    const mode = reply[5];
    if (mode === 'full') {
      // Replies come in the order opens were sent: a full copy is the newest this replica has asked for.
      if (!(this.epoch === epoch && !this.stale && version <= this.version)) {
        const state = fresh();
        state.apply(writesOf(reply));
        this.state = state;
        this.epoch = epoch;
        this.version = version;
        this.stale = false;
        this.taken += 1;
      }
    } else if (mode === 'delta' && this.epoch === epoch && !this.stale && version > this.version) {
      this.state.apply(writesOf(reply));
      this.version = version;
      this.taken += 1;
    }
    this.faults = Number(reply[3]);
    // Current as of this open, which went out after any refuted answer, and unchanged since the
    // open before it: requests may use it at once. A session that other replicas keep changing
    // stays opened first (its answers would mostly be refuted, each costing a run and a round trip).
    this.trusted = mode === 'same' && this.refuted === refuted && this.epoch === epoch && !this.stale && this.version >= version;
  }

  /** An answer from this copy was not current: the next requests open the session first. */
  refute(): void {
    this.trusted = false;
    this.refuted += 1;
  }

  /**
   * Takes the lock: undefined when it was free (taken at once, no promise and no turn of the
   * microtask queue: the common case, one request of the session at a time); otherwise a promise
   * that resolves once the requests ahead, in order, have released it. Every acquire is followed
   * by exactly one `release`.
   */
  acquire(): Promise<void> | undefined {
    if (!this.#held) {
      this.#held = true;
      return undefined;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Lets the next request waiting in (the lock passes to it), or frees the lock. */
  release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#held = false;
    else next();
  }
}

/** The replica's copies, most recently used last, at most `max` of them (the store keeps the truth). */
export class SessionCache {
  readonly #entries = new Map<string, CachedSession>();
  /** The name `get` put last (most recently used), while it is in the cache. */
  #last: string | undefined;

  constructor(
    readonly max: number,
    readonly create: () => WorldState,
  ) {}

  get(name: string): CachedSession {
    // The most recently used again (one session at a time, the common case): already in place.
    if (name === this.#last) return this.#entries.get(name) as CachedSession;
    let entry = this.#entries.get(name);
    if (entry === undefined) entry = new CachedSession(this.create());
    else this.#entries.delete(name);
    this.#entries.set(name, entry);
    this.#last = name;
    if (this.#entries.size > this.max) {
      for (const oldest of this.#entries.keys()) {
        if (this.#entries.size <= this.max) break;
        this.#entries.delete(oldest);
      }
    }
    return entry;
  }

  forget(name: string): void {
    this.#entries.delete(name);
    if (name === this.#last) this.#last = undefined;
  }
}

function ignore(): void {}
