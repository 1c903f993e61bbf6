import type { Fixtures } from '../store/records.js';
import type { World } from '../store/world.js';
import type { WorldState } from '../store/world-state.js';
import type { MaybePromise } from './maybe-promise.js';
import type { SessionExtras } from './session-extras.js';

/** One session as a request or a control call acts on it: its world now, its journal and faults. */
export interface StoredSession {
  readonly name: string;
  /** The session's world, current as of `open` (with Redis: as of the last committed write). */
  readonly state: WorldState;
  readonly extras: SessionExtras;
  /**
   * Runs the answer step (which may write to `state`) and makes its writes durable; run again on
   * a newer world when another replica wrote first. Absent in the memory store, where writes are
   * durable as they are made.
   */
  readonly transact?: <T>(run: () => Promise<T>) => Promise<T>;
}

/**
 * Where sessions live, chosen at start (`--store`): in this process (`memory`, the default) or
 * in Redis, shared by every replica. The handlers stay synchronous functions of a WorldState; a
 * store answers at once (memory) or later (Redis), and callers await only a promise.
 */
export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  /** The named session, created from the base world on first use, marked used. */
  open(name: string): MaybePromise<StoredSession>;
  /**
   * `open` for one API request, whose journal entry is recorded before it is answered: a store
   * kept elsewhere may hand out its cached copy at once and check it with that entry (a
   * StaleAnswer then has the request run again: src/http/stale-answer.ts). Absent: `open`.
   */
  openForRequest?(name: string): MaybePromise<StoredSession>;
  /** Runs `change` over the session's world and keeps what it wrote (seeded records, tokens). */
  write<T>(name: string, change: (state: WorldState) => T): MaybePromise<T>;
  /** Back to the base world, with an empty journal and no fault rules. */
  reset(name: string): MaybePromise<void>;
  /** Replaces the session's world with a checked one, kept as its difference from the base; journal and faults stay. */
  restore(name: string, world: Fixtures): MaybePromise<void>;
  /** Live sessions, the default one included. */
  count(): MaybePromise<number>;
  /** Their names, the default first (with Redis: across every replica). */
  names(): MaybePromise<string[]>;
  /**
   * The specs or fixtures were reloaded and the served world changed from fingerprint `from` to
   * `to`: every session starts again from `world`, keeping its journal and fault rules. Rejects
   * when the store holds a world that is neither (Redis: another replica moved it elsewhere);
   * nothing changes then. With `from === to` (nothing changed here) it only checks that.
   */
  adopt(world: World, from: string, to: string): MaybePromise<void>;
  /** Lets go of what the store holds open (connections); the state stays where it is kept. */
  close(): Promise<void>;
}
