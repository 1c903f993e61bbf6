import type { World } from '../world/world.js';
import type { WorldState } from '../world/world-state.js';

/** The session a request without a session name uses. Never evicted. */
export const DEFAULT_SESSION = 'default';

/** One named, isolated world plus whatever per-session things later layers attach (journal, faults). */
export interface Session<E> {
  readonly name: string;
  state: WorldState;
  readonly extras: E;
  lastUsedAt: number;
}

interface BaseOptions<E> {
  /** Most sessions kept besides the default one; the least recently used goes first. */
  readonly maxSessions: number;
  /** A non-default session untouched for longer than this is dropped on the next registry call. */
  readonly idleTtlMs: number;
  /** Most bytes a session's own records may hold (unbounded when left out). */
  readonly sessionBytes?: number;
  /** What a session holds beside its records against the same budget (its fault rules), from its extras. */
  readonly besideBytes?: (extras: E) => { readonly bytes: number };
  /** Called with each session let go of (evicted, dropped, reset), so what it holds outside goes too. */
  readonly onDrop?: (session: Session<E>) => void;
  readonly now?: () => number;
}

/** `createExtras` is required exactly when the session extras are not `undefined`. */
export type SessionRegistryOptions<E> = BaseOptions<E> &
  (undefined extends E ? { readonly createExtras?: () => E } : { readonly createExtras: () => E });

/**
 * Named sessions over one World, made on first use. Eviction is lazy (checked on every call), so
 * there are no timers to keep the process alive or to clear in tests.
 */
export class SessionRegistry<E = undefined> {
  #world: World;
  readonly #options: SessionRegistryOptions<E>;
  readonly #now: () => number;
  readonly #createExtras: () => E;
  #default: Session<E>;
  /** Non-default sessions, least recently used first (a Map keeps insertion order; use re-inserts). */
  readonly #sessions = new Map<string, Session<E>>();

  constructor(world: World, options: SessionRegistryOptions<E>) {
    if (!(options.maxSessions >= 0)) throw new Error(`maxSessions must be 0 or more, got ${options.maxSessions}`);
    if (!(options.idleTtlMs > 0)) throw new Error(`idleTtlMs must be positive, got ${options.idleTtlMs}`);
    this.#world = world;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    // Without createExtras, E is undefined (the options type enforces it).
    this.#createExtras = options.createExtras ?? ((() => undefined) as () => E);
    this.#default = this.#create(DEFAULT_SESSION);
  }

  get(name: string): WorldState {
    return this.session(name).state;
  }

  /** The whole session (state and extras), creating it on first use and marking it used. */
  session(name: string): Session<E> {
    const key = normalize(name);
    // One clock read serves the idle sweep and the touch (this runs on every request).
    const now = this.#now();
    this.#evictIdle(now);
    const existing = key === DEFAULT_SESSION ? this.#default : this.#sessions.get(key);
    if (existing !== undefined) {
      if (existing !== this.#default) {
        this.#sessions.delete(key);
        this.#sessions.set(key, existing);
      }
      existing.lastUsedAt = now;
      return existing;
    }
    const created = this.#create(key);
    this.#sessions.set(key, created);
    for (const oldest of this.#sessions.keys()) {
      if (this.#sessions.size <= this.#options.maxSessions) break;
      this.#forget(oldest);
    }
    return created;
  }

  /** Discards a session's changes and extras; it starts again from the World. */
  reset(name: string): Session<E> {
    const key = normalize(name);
    if (key === DEFAULT_SESSION) {
      this.#options.onDrop?.(this.#default);
      return (this.#default = this.#create(DEFAULT_SESSION));
    }
    this.#forget(key);
    return this.session(key);
  }

  /**
   * A reload: every session starts again from the new world, keeping its extras and LRU place. Each
   * gets a new Session object, so a request still running on the old one finishes on its old world.
   */
  rebase(world: World): void {
    this.#world = world;
    const renew = (session: Session<E>): Session<E> => ({ ...session, state: this.createState(session.extras) });
    this.#default = renew(this.#default);
    for (const [name, session] of this.#sessions) this.#sessions.set(name, renew(session));
  }

  /** A fresh world for a session, under the session byte budget (shared with what `extras` hold beside it). */
  createState(extras?: E): WorldState {
    return this.#world.createState(this.#options.sessionBytes, extras === undefined ? undefined : this.#options.besideBytes?.(extras));
  }

  #forget(key: string): void {
    const session = this.#sessions.get(key);
    if (session === undefined) return;
    this.#sessions.delete(key);
    this.#options.onDrop?.(session);
  }

  /** Live session names, the default first, then least to most recently used. */
  names(): string[] {
    this.#evictIdle();
    return [DEFAULT_SESSION, ...this.#sessions.keys()];
  }

  #create(name: string): Session<E> {
    const extras = this.#createExtras();
    return { name, state: this.createState(extras), extras, lastUsedAt: this.#now() };
  }

  /** Oldest first, so the sweep stops at the first session still in use: O(evicted). */
  #evictIdle(now = this.#now()): void {
    for (const [name, session] of this.#sessions) {
      if (now - session.lastUsedAt <= this.#options.idleTtlMs) break;
      this.#forget(name);
    }
  }
}

/** "" and "default" both name the default session. */
function normalize(name: string): string {
  return name === '' ? DEFAULT_SESSION : name;
}
