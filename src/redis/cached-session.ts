import type { WorldState } from '../store/world-state.js';

/**
 * A replica's copy of one session: its world at (epoch, version) as the store last said, and a
 * lock so that this replica answers one request of the session at a time from the answer step
 * to the commit (requests of one session on one replica never conflict with each other, and
 * none reads another's write before it is committed). `stale`: the world may hold writes that
 * were never committed (a conflict, a failed commit); the next open reloads it whole.
 * `syncing` / `nextSync`: the open sent for this copy and not answered yet, and the one that goes
 * out when it is; requests arriving meanwhile share the next one (never the one already sent,
 * which may have run in Redis before a write they must see).
 */
export class CachedSession {
  epoch = '';
  version = 0;
  stale = true;
  syncing: Promise<number> | undefined;
  nextSync: Promise<number> | undefined;
  #tail: Promise<void> = Promise.resolve();

  constructor(public state: WorldState) {}

  /** Waits for the requests ahead; resolves with the function that lets the next one in. */
  acquire(): Promise<() => void> {
    const ahead = this.#tail;
    let release!: () => void;
    this.#tail = new Promise((resolve) => (release = resolve));
    return ahead.then(() => release);
  }
}

/** The replica's copies, most recently used last, at most `max` of them (the store keeps the truth). */
export class SessionCache {
  readonly #entries = new Map<string, CachedSession>();

  constructor(
    readonly max: number,
    readonly create: () => WorldState,
  ) {}

  get(name: string): CachedSession {
    let entry = this.#entries.get(name);
    if (entry === undefined) entry = new CachedSession(this.create());
    else this.#entries.delete(name);
    this.#entries.set(name, entry);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.max) break;
      this.#entries.delete(oldest);
    }
    return entry;
  }

  forget(name: string): void {
    this.#entries.delete(name);
  }
}
