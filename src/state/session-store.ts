import type { Fixtures } from '../world/records.js';
import type { World } from '../world/world.js';
import type { WorldState } from '../world/world-state.js';
import type { MaybePromise } from './maybe-promise.js';
import type { SessionExtras } from './session-extras.js';

/** One session as a request or a control call acts on it: its world now, its journal and faults. */
export interface StoredSession {
  readonly name: string;
  /** The session's world, current as of `open` (with Redis: as of the last committed write). */
  readonly state: WorldState;
  readonly extras: SessionExtras;
  /** Runs the answer step and makes its writes durable (Redis only: again when another replica wrote first). */
  readonly transact?: <T>(run: () => Promise<T>) => Promise<T>;
}

/**
 * Where sessions live (`--store`): in this process (the default, answering at once) or in Redis,
 * shared by every replica (answering later). The handlers stay synchronous functions of a WorldState.
 */
export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  /** The named session, created from the base world on first use, marked used. */
  open(name: string): MaybePromise<StoredSession>;
  /**
   * Runs one API request's part on the session (answer, finish, journal entry). Redis may run it
   * on its copy at once and again on a fresher one if that was not current (only when
   * `repeatable`: a request forwarded upstream must not be sent twice). Rejects with a 503 ApiError.
   */
  serve<T>(name: string, work: (session: StoredSession) => Promise<T>, repeatable: boolean): Promise<T>;
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
   * A reload changed the world's fingerprint `from` -> `to`: every session starts again from `world`,
   * keeping journal and fault rules. Rejects, changing nothing, when the store holds neither.
   */
  adopt(world: World, from: string, to: string): MaybePromise<void>;
  /** Lets go of what the store holds open (connections); the state stays where it is kept. */
  close(): Promise<void>;
}
