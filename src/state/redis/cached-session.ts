import type { WorldState } from '../../world/world-state.js';
import type { RecordWrite } from '../../world/write-ledger.js';

/**
 * A replica's copy of one session: its world at (epoch, version) as the store last said, and a
 * lock so that this replica answers one request of the session at a time from the answer step to
 * the commit (so they never conflict, and none reads another's write before it is committed).
 * `stale`: the world may hold writes never committed; the next open reloads it whole.
 */
export class CachedSession {
  epoch = '';
  version = 0;
  stale = true;
  /** Fault rules the session had at the last open (-1: not opened yet). */
  faults = -1;
  /**
   * A request may be answered from this copy at once (its journal entry confirming it): set by an
   * open that found nothing new, cleared when an answer is refuted. `refuted` counts those, so an
   * open sent before a refutation does not set it again.
   */
  trusted = false;
  refuted = 0;
  /** Times an open changed this copy (not this replica's own commits): see RedisSession.transact. */
  taken = 0;
  #held = false;
  readonly #waiting: (() => void)[] = [];
  /** The open sent for this copy and not answered yet, and the one that goes out when it is. */
  #syncing: Promise<number> | undefined;
  #nextSync: Promise<number> | undefined;

  constructor(public state: WorldState) {}

  /**
   * Runs `open` (the open script) with at most one in flight: requests arriving while one is share
   * the next, never the one already sent (it may have run before a write they must see). So under
   * load a session costs one round trip per wave, each still seeing every write acknowledged before.
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
    // Current, unchanged since the last open, and no answer refuted since it went out: trusted. A
    // session other replicas keep changing stays opened first (its answers would mostly be refuted).
    this.trusted = mode === 'same' && this.refuted === refuted && this.epoch === epoch && !this.stale && this.version >= version;
  }

  /** An answer from this copy was not current: the next requests open the session first. */
  refute(): void {
    this.trusted = false;
    this.refuted += 1;
  }

  /**
   * Takes the lock: undefined when it was free (the common case: no promise, no microtask turn);
   * otherwise a promise that resolves once the requests ahead have released it, in order.
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

// A session's records as the store's scripts pass them: `kind:key` fields, each followed by
// the record's JSON, or '' for a record the session deleted.

/** The records of an open's reply (they start at index 6). */
function* writesOf(reply: readonly (string | number)[]): Generator<RecordWrite> {
  for (let i = 6; i + 1 < reply.length; i += 2) {
    const field = String(reply[i]);
    const at = field.indexOf(':');
    const json = String(reply[i + 1]);
    yield { kind: field.slice(0, at), key: field.slice(at + 1), json: json === '' ? null : json };
  }
}

export function flatten(writes: readonly RecordWrite[]): string[] {
  return writes.flatMap((write) => [`${write.kind}:${write.key}`, write.json ?? '']);
}
