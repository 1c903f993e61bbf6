import { randomBytes } from 'node:crypto';
import { errors } from '../errors/catalogue.js';
import type { Logger } from '../http/logger.js';
import type { TimeCache } from '../journal/json-text.js';
import type { SessionStore, StoredSession } from '../sessions/session-store.js';
import { DEFAULT_SESSION } from '../store/session-registry.js';
import { worldDiff, writtenBytes } from '../store/world-diff.js';
import type { World } from '../store/world.js';
import type { RecordWrite } from '../store/write-ledger.js';
import { flatten } from './record-writes.js';
import { SessionCache, type CachedSession } from './cached-session.js';
import { connectStore, type StoreClient } from './redis-client.js';
import { RedisFaults } from './redis-faults.js';
import { journalAppends, RedisJournal, type JournalAppends, type RedisJournalLimits } from './redis-journal.js';
import { RedisSession, type CommitResult } from './redis-session.js';
import { storeUrl } from './store-url.js';

export interface RedisStoreOptions {
  readonly url: string;
  readonly world: World;
  /** Of the specs, fixtures and generate options: replicas sharing a store must have the same. */
  readonly fingerprint: string;
  readonly cursorSecret: string | undefined;
  readonly maxSessions: number;
  readonly idleTtlMs: number;
  readonly sessionBytes: number;
  readonly commandTimeoutMs: number;
  readonly journal: RedisJournalLimits;
  readonly logger: Logger;
  /** Called when a request finds the store holding another world than this replica serves. */
  readonly onMismatch?: () => void;
}

/** Every key of the store starts with this (so a database can be inspected, or flushed, by prefix). */
const PREFIX = 'whop-mock:';
/** Bumped when the layout of the keys changes: replicas of different layouts refuse to share. */
const LAYOUT = 'redis-1';

/**
 * The Redis store. The truth lives in Redis: each session's own records (never the base world,
 * which every replica builds from the same files and seed), its journal and fault rules, the
 * cursor secret and the world's fingerprint. Each replica keeps a copy of the sessions it serves
 * and checks with Redis, after each request came, that its copy is current: by an open script
 * before answering (receiving only what changed), or, for a copy it trusts, by the request's
 * journal entry (openForRequest). Expiry: a session's keys expire after the idle time (refreshed
 * at most every `touchEvery`), and a sorted set by last use caps their number.
 */
export async function redisStore(options: RedisStoreOptions): Promise<{ store: SessionStore; cursorSecret: string }> {
  const url = storeUrl(options.url);
  const fingerprint = `${LAYOUT}:${options.fingerprint}`;
  const client = await connectStore(url, options.commandTimeoutMs, options.logger);
  const wanted = options.cursorSecret ?? randomBytes(16).toString('hex');
  let cursorSecret: string;
  try {
    const [theirs, secret] = (await client.run('wmInit', [PREFIX, fingerprint, wanted])) as [string, string];
    if (theirs !== fingerprint) {
      throw new Error(`the Redis store at ${url.shown} holds another world (fingerprint ${theirs}) than this replica's (${fingerprint}): start every replica with the same --specs, --fixtures, --generate-users and --seed, or give this one another database`);
    }
    if (options.cursorSecret !== undefined && secret !== options.cursorSecret) {
      throw new Error(`the Redis store at ${url.shown} holds another cursor secret than --cursor-secret: give every replica the same one (or none, to use the store's)`);
    }
    cursorSecret = secret;
  } catch (error) {
    await client.close();
    throw error instanceof Error && !('status' in error) ? error : new Error(`cannot use the Redis store at ${url.shown}: ${(error as Error).message}`);
  }
  return { store: new RedisSessions(client, options, fingerprint, cursorSecret), cursorSecret };
}

class RedisSessions implements SessionStore {
  readonly kind = 'redis' as const;
  #cache: SessionCache;
  /** The base world and its fingerprint: a reload replaces them (see adopt). */
  #world: World;
  #fingerprint: string;
  readonly #appends: JournalAppends;
  readonly #time: TimeCache = { second: -1, prefix: '' };
  readonly #replica = randomBytes(6).toString('hex');
  #epochs = 0;
  /** Expiry and LRU order are refreshed at most this often per session (their staleness bound). */
  readonly #touchEvery: number;

  constructor(
    private readonly client: StoreClient,
    private readonly options: RedisStoreOptions,
    fingerprint: string,
    private readonly cursorSecret: string,
  ) {
    this.#world = options.world;
    this.#fingerprint = fingerprint;
    this.#cache = this.#newCache();
    this.#touchEvery = Math.max(1, Math.min(Math.floor(options.idleTtlMs / 20), 30_000));
    this.#appends = journalAppends(client, PREFIX, options.journal, { idleMs: options.idleTtlMs, touchEveryMs: this.#touchEvery, defaultName: DEFAULT_SESSION });
  }

  open(name: string): Promise<StoredSession> {
    const entry = this.#cache.get(name);
    return this.#sync(name, entry).then((faults) => this.#session(name, entry, faults, false));
  }

  /**
   * An API request's session: the replica's copy at once, without a round trip, when the last
   * open found it current with no fault rules and no answer from it has been refuted since. The
   * request's journal entry (or commit) then checks, after the request came, that the session is
   * still at the copy's version with no fault rules, and keeps it only then; otherwise the request
   * runs again on a session opened first (StaleAnswer). So a read costs one round trip, not two.
   */
  openForRequest(name: string): StoredSession | Promise<StoredSession> {
    const entry = this.#cache.get(name);
    if (!entry.trusted || entry.stale || entry.faults !== 0 || this.options.journal.entries === 0) return this.open(name);
    return this.#session(name, entry, 0, true);
  }

  #session(name: string, entry: CachedSession, faults: number, unopened: boolean): RedisSession {
    const { journal, logger } = this.options;
    return new RedisSession(name, entry, this, this.options.sessionBytes, unopened, (session) => ({
      journal: new RedisJournal(this.client, this.#appends, this.#time, PREFIX, name, () => entry.epoch, journal, logger, session),
      faults: new RedisFaults(this.client, PREFIX, name, faults, () => this.#sync(name, entry)),
    }));
  }

  async write<T>(name: string, change: (state: import('../store/world-state.js').WorldState) => T): Promise<T> {
    const session = await this.open(name);
    return (session.transact as NonNullable<StoredSession['transact']>)(async () => change(session.state));
  }

  async reset(name: string): Promise<void> {
    await this.client.run('wmReset', [PREFIX, name]);
    this.#cache.forget(name);
  }

  async restore(name: string, world: import('../store/records.js').Fixtures): Promise<void> {
    const writes = worldDiff(this.#world, world);
    const bytes = writtenBytes(writes);
    if (bytes > this.options.sessionBytes) throw errors.sessionFull(this.options.sessionBytes, bytes);
    const args = [PREFIX, name, this.#epoch(), bytes, ...flatten(writes)];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (Number(await this.client.run('wmRestore', args)) === 1) break;
      await this.open(name);
    }
    this.#cache.forget(name);
  }

  async names(): Promise<string[]> {
    return [DEFAULT_SESSION, ...((await this.client.run('wmNames', [PREFIX, this.options.idleTtlMs])) as string[])];
  }

  async adopt(world: World, from: string, to: string): Promise<void> {
    const ours = `${LAYOUT}:${from}`;
    const theirs = `${LAYOUT}:${to}`;
    const reply = (await this.client.run('wmAdopt', [PREFIX, ours, theirs, this.#epoch()])) as string[];
    if (reply[0] === 'mismatch') {
      throw new Error(`the Redis store holds another world (fingerprint ${String(reply[1])}) than this replica's specs and fixtures make (${theirs}): give every replica the same files, then reload them (POST /__mock/reload or SIGHUP), or restart them`);
    }
    if (from === to) return;
    // 'ok' (this replica moved the store; its sessions were reset there) or 'already' (another
    // replica did): either way the copies this replica holds are of the old world.
    this.#world = world;
    this.#fingerprint = theirs;
    this.#cache = this.#newCache();
  }

  #newCache(): SessionCache {
    return new SessionCache(this.options.maxSessions + 1, () => this.#world.createState(this.options.sessionBytes));
  }

  async count(): Promise<number> {
    return 1 + Number(await this.client.run('wmCount', [PREFIX, this.options.idleTtlMs]));
  }

  close(): Promise<void> {
    return this.client.close();
  }

  refresh(name: string, entry: CachedSession): Promise<void> {
    entry.stale = true;
    return this.#sync(name, entry).then(() => undefined);
  }

  async commit(name: string, epoch: string, version: number, writes: readonly RecordWrite[], faultFree: boolean): Promise<CommitResult> {
    const reply = (await this.client.run('wmCommit', [PREFIX, name, epoch, version, this.options.sessionBytes, faultFree ? 1 : 0, ...flatten(writes)])) as (string | number)[];
    if (reply[0] === 'ok') return { kind: 'ok', version: Number(reply[1]) };
    if (reply[0] === 'full') return { kind: 'full', bytes: Number(reply[1]) };
    if (reply[0] === 'faults') return { kind: 'faults' };
    return { kind: 'conflict' };
  }

  /** Brings the replica's copy up to date; resolves with the session's fault rule count (opens shared: CachedSession.sync). */
  #sync(name: string, entry: CachedSession): Promise<number> {
    return entry.sync(() => this.#open(name, entry));
  }

  /** One open script: the replica's copy brought up to date in one round trip. */
  async #open(name: string, entry: CachedSession): Promise<number> {
    const cachedEpoch = entry.stale ? '' : entry.epoch;
    const args = [PREFIX, name, this.#fingerprint, this.cursorSecret, this.#epoch(), cachedEpoch, entry.version, this.options.idleTtlMs, this.options.maxSessions, this.#touchEvery, name === DEFAULT_SESSION ? 1 : 0];
    const refuted = entry.refuted;
    const reply = (await this.client.run('wmOpen', args)) as (string | number)[];
    if (reply[0] === 'mismatch') {
      // Another replica reloaded to another world: try to follow it (the server reloads this
      // replica's own files, throttled); until they match, requests are refused, not mixed.
      this.options.onMismatch?.();
      throw errors.storeMismatch(this.#fingerprint, String(reply[1]));
    }
    entry.take(reply, refuted, () => this.#world.createState(this.options.sessionBytes));
    return entry.faults;
  }

  /** A new session's epoch: unique across replicas and restarts, so no copy is ever taken for another. */
  #epoch(): string {
    this.#epochs += 1;
    return `${this.#replica}.${this.#epochs.toString(36)}`;
  }
}
