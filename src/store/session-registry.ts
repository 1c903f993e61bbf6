import type { World } from './world.js';
import type { WorldState } from './world-state.js';

/** The session a request without a session name uses. Never evicted. */
export const DEFAULT_SESSION = 'default';

/** One named, isolated world plus whatever per-session things later layers attach (journal, faults). */
export interface Session<E> {
  readonly name: string;
  state: WorldState;
  readonly extras: E;
  readonly createdAt: number;
  lastUsedAt: number;
}

interface BaseOptions<E> {
  /** Most sessions kept besides the default one; the least recently used goes first. */
  readonly maxSessions: number;
  /** A non-default session untouched for longer than this is dropped on the next registry call. */
  readonly idleTtlMs: number;
  /** Most bytes a session's own records may hold (unbounded when left out). */
  readonly sessionBytes?: number;
  /**
   * Called with each session the registry lets go of (evicted, dropped, or replaced by a reset),
   * so what it holds outside its world (its journal's share of the process budget) goes too.
   */
  readonly onDrop?: (session: Session<E>) => void;
  /** Clock, replaceable in tests. */
  readonly now?: () => number;
}

/** `createExtras` is required exactly when the session extras are not `undefined`. */
export type SessionRegistryOptions<E> = BaseOptions<E> &
  (undefined extends E ? { readonly createExtras?: () => E } : { readonly createExtras: () => E });

/**
 * Named sessions over one World, made on first use. Eviction is lazy — checked whenever the
 * registry is called — so there are no timers to keep the process alive or to clear in tests.
 * `reset` replaces a session's state and extras together, so a reset session starts clean.
 */
export class SessionRegistry<E = undefined> {
  #world: World;
  readonly #maxSessions: number;
  readonly #idleTtlMs: number;
  readonly #now: () => number;
  readonly #createExtras: () => E;
  readonly #sessionBytes: number | undefined;
  readonly #onDrop: (session: Session<E>) => void;
  #default: Session<E>;
  /** Non-default sessions, least recently used first (a Map keeps insertion order; use re-inserts). */
  readonly #sessions = new Map<string, Session<E>>();

  constructor(world: World, options: SessionRegistryOptions<E>) {
    if (!(options.maxSessions >= 0)) throw new Error(`maxSessions must be 0 or more, got ${options.maxSessions}`);
    if (!(options.idleTtlMs > 0)) throw new Error(`idleTtlMs must be positive, got ${options.idleTtlMs}`);
    this.#world = world;
    this.#maxSessions = options.maxSessions;
    this.#idleTtlMs = options.idleTtlMs;
    this.#now = options.now ?? Date.now;
    // Without createExtras, E is undefined (the options type enforces it).
    this.#createExtras = options.createExtras ?? ((() => undefined) as () => E);
    this.#sessionBytes = options.sessionBytes;
    this.#onDrop = options.onDrop ?? (() => undefined);
    this.#default = this.#create(DEFAULT_SESSION);
  }

  /** The session's world state, creating the session on first use. */
  get(name: string): WorldState {
    return this.session(name).state;
  }

  /** The whole session (state and extras), creating it on first use and marking it used. */
  session(name: string): Session<E> {
    const key = normalize(name);
    // One clock read serves the idle sweep and the touch (this runs on every request).
    const now = this.#now();
    this.#evictIdle(now);
    if (key === DEFAULT_SESSION) return this.#touch(this.#default, now);
    const existing = this.#sessions.get(key);
    if (existing !== undefined) {
      this.#sessions.delete(key);
      this.#sessions.set(key, existing);
      return this.#touch(existing, now);
    }
    const created = this.#create(key);
    this.#sessions.set(key, created);
    this.#evictOverflow();
    return created;
  }

  /** Discards a session's changes and extras; it starts again from the World. */
  reset(name: string): Session<E> {
    const key = normalize(name);
    if (key === DEFAULT_SESSION) {
      this.#onDrop(this.#default);
      this.#default = this.#create(DEFAULT_SESSION);
      return this.#default;
    }
    this.#forget(key);
    return this.session(key);
  }

  /**
   * The specs or fixtures were reloaded: every session, the default one included, starts again
   * from the new world, keeping its extras (journal, fault rules) and its place in the LRU order.
   * Each gets a new Session object, so a request still running on the old one finishes on the
   * world it began with, and what it writes there is not carried over.
   */
  rebase(world: World): void {
    this.#world = world;
    const renew = (session: Session<E>): Session<E> => ({ ...session, state: this.createState() });
    this.#default = renew(this.#default);
    for (const [name, session] of this.#sessions) this.#sessions.set(name, renew(session));
  }

  /** Replaces a session's world (a restored snapshot); its extras stay. */
  replaceState(name: string, state: WorldState): Session<E> {
    const session = this.session(name);
    session.state = state;
    return session;
  }

  /** A fresh world for a session, under the session byte budget. */
  createState(): WorldState {
    return this.#world.createState(this.#sessionBytes);
  }

  /** Forgets a session entirely; the default session cannot be dropped (reset it instead). */
  drop(name: string): boolean {
    const key = normalize(name);
    return key !== DEFAULT_SESSION && this.#forget(key);
  }

  #forget(key: string): boolean {
    const session = this.#sessions.get(key);
    if (session === undefined) return false;
    this.#sessions.delete(key);
    this.#onDrop(session);
    return true;
  }

  has(name: string): boolean {
    const key = normalize(name);
    this.#evictIdle();
    return key === DEFAULT_SESSION || this.#sessions.has(key);
  }

  /** Live session names, the default first, then least to most recently used. */
  names(): string[] {
    this.#evictIdle();
    return [DEFAULT_SESSION, ...this.#sessions.keys()];
  }

  #create(name: string): Session<E> {
    const at = this.#now();
    return { name, state: this.createState(), extras: this.#createExtras(), createdAt: at, lastUsedAt: at };
  }

  #touch(session: Session<E>, now: number): Session<E> {
    session.lastUsedAt = now;
    return session;
  }

  /** Oldest first, so the sweep stops at the first session still in use: O(evicted). */
  #evictIdle(now = this.#now()): void {
    if (this.#sessions.size === 0) return;
    for (const [name, session] of this.#sessions) {
      if (now - session.lastUsedAt <= this.#idleTtlMs) break;
      this.#forget(name);
    }
  }

  #evictOverflow(): void {
    for (const name of this.#sessions.keys()) {
      if (this.#sessions.size <= this.#maxSessions) break;
      this.#forget(name);
    }
  }
}

/** "" and "default" both name the default session. */
function normalize(name: string): string {
  return name === '' ? DEFAULT_SESSION : name;
}
