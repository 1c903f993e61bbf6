import { randomBytes } from 'node:crypto';
import { errors } from '../../kernel/catalogue.js';
import type { Logger } from '../../logging/logger.js';
import type { CoverageTally } from '../coverage-tally.js';
import type { SessionStore, StoredSession } from '../session-store.js';
import { DEFAULT_SESSION } from '../session-registry.js';
import type { Fixtures } from '../../world/records.js';
import { worldDiff, writtenBytes } from '../../world/world-diff.js';
import type { World } from '../../world/world.js';
import type { WorldState } from '../../world/world-state.js';
import type { RecordWrite } from '../../world/write-ledger.js';
import { flatten, SessionCache, type CachedSession } from './cached-session.js';
import { connectStore, initStore, storeUrl, type StoreClient } from './redis-client.js';
import { RedisCoverage } from './redis-coverage.js';
import { RedisFaults } from './redis-faults.js';
import { journalAppends, RedisJournal, type JournalAppends, type RedisJournalLimits } from './redis-journal.js';
import { RedisSession, type CommitResult } from './redis-session.js';

export interface RedisStoreOptions {
  readonly url: string;
  readonly world: World;
  /** Of the specs, fixtures and generate options: replicas sharing a store must have the same. */
  readonly fingerprint: string;
  readonly cursorSecret: string | undefined;
  readonly maxSessions: number;
  readonly idleTtlMs: number;
  readonly sessionBytes: number;
  readonly maxFaultRules: number;
  readonly commandTimeoutMs: number;
  readonly journal: RedisJournalLimits;
  readonly logger: Logger;
  /** Called when a request finds the store holding another world than this replica serves. */
  readonly onMismatch?: () => void;
}

/** Every key of the store starts with this (so a database can be inspected, or flushed, by prefix). */
const PREFIX = 'whop-mock:';
/** Bumped when the layout of the keys changes: replicas of different layouts refuse to share. */
const LAYOUT = 'redis-2';

/**
 * The Redis store: sessions' own records (never the base world), journals, fault rules, the cursor
 * secret and the fingerprint. Each replica checks its copy of a session after each request came.
 */
export async function redisStore(options: RedisStoreOptions): Promise<{ store: SessionStore; cursorSecret: string; coverage: CoverageTally }> {
  const url = storeUrl(options.url);
  const fingerprint = `${LAYOUT}:${options.fingerprint}`;
  const client = await connectStore(url, options.commandTimeoutMs, options.logger);
  const cursorSecret = await initStore(client, PREFIX, url, fingerprint, options.cursorSecret);
  // Coverage counts into the same Redis, so a report covers every replica's requests.
  const coverage = new RedisCoverage(client, PREFIX, options.idleTtlMs, options.logger);
  return { store: new RedisSessions(client, options, fingerprint, cursorSecret), cursorSecret, coverage };
}

class RedisSessions implements SessionStore {
  readonly kind = 'redis' as const;
  /** The base world and its fingerprint: a reload replaces them (see adopt). */
  #world: World;
  #fingerprint: string;
  readonly #fresh = (): WorldState => this.#world.createState(this.options.sessionBytes);
  #cache: SessionCache;
  readonly #appends: JournalAppends;
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
    this.#cache = new SessionCache(options.maxSessions + 1, this.#fresh);
    this.#touchEvery = Math.max(1, Math.min(Math.floor(options.idleTtlMs / 20), 30_000));
    this.#appends = journalAppends(client, PREFIX, options.journal, { idleMs: options.idleTtlMs, touchEveryMs: this.#touchEvery, defaultName: DEFAULT_SESSION });
  }

  open(name: string): Promise<RedisSession> {
    const entry = this.#cache.get(name);
    return this.#sync(name, entry).then((faults) => this.#session(name, entry, faults, false));
  }

  /** From a trusted copy at once (its journal entry or commit confirms it): one round trip, not two. */
  async serve<T>(name: string, work: (session: StoredSession) => Promise<T>, repeatable: boolean): Promise<T> {
    const entry = this.#cache.get(name);
    const trusted = repeatable && entry.trusted && !entry.stale && entry.faults === 0 && this.options.journal.entries !== 0;
    const first = trusted ? this.#session(name, entry, 0, true) : await this.open(name);
    const result = await work(first);
    if (first.unconfirmedBy) throw first.unconfirmedBy;
    if (!first.stale) return result;
    const again = await this.open(name);
    const rerun = await work(again);
    // A session opened first is never refuted: a second refutation is a bug, answered as a busy store.
    if (again.unconfirmedBy || again.stale) throw again.unconfirmedBy ?? errors.storeBusy(2);
    return rerun;
  }

  #session(name: string, entry: CachedSession, faults: number, unopened: boolean): RedisSession {
    const { journal, logger } = this.options;
    return new RedisSession(name, entry, this, this.options.sessionBytes, unopened, (session) => ({
      journal: new RedisJournal(this.client, this.#appends, PREFIX, name, () => entry.epoch, journal, logger, session),
      faults: new RedisFaults(this.client, PREFIX, name, faults, { byteLimit: this.options.sessionBytes, maxRules: this.options.maxFaultRules }, () => this.#sync(name, entry)),
    }));
  }

  async write<T>(name: string, change: (state: WorldState) => T): Promise<T> {
    const session = await this.open(name);
    return session.transact(async () => change(session.state));
  }

  async reset(name: string): Promise<void> {
    await this.client.run('wmReset', [PREFIX, name]);
    this.#cache.forget(name);
  }

  async restore(name: string, world: Fixtures): Promise<void> {
    const writes = worldDiff(this.#world, world);
    const bytes = writtenBytes(writes);
    if (bytes > this.options.sessionBytes) throw errors.sessionFull(this.options.sessionBytes, bytes);
    const args = [PREFIX, name, this.#epoch(), bytes, this.options.sessionBytes, ...flatten(writes)];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const reply = (await this.client.run('wmRestore', args)) as number | [string, number];
      // With the session's fault rules, over its budget: nothing was changed.
      if (Array.isArray(reply)) throw errors.sessionFull(this.options.sessionBytes, Number(reply[1]));
      if (Number(reply) === 1) break;
      await this.open(name);
    }
    this.#cache.forget(name);
  }

  async names(): Promise<string[]> {
    return [DEFAULT_SESSION, ...((await this.client.run('wmNames', [PREFIX, this.options.idleTtlMs])) as string[])];
  }

  async adopt(world: World, from: string, to: string): Promise<void> {
    const theirs = `${LAYOUT}:${to}`;
    const reply = (await this.client.run('wmAdopt', [PREFIX, `${LAYOUT}:${from}`, theirs, this.#epoch()])) as string[];
    if (reply[0] === 'mismatch') {
      throw new Error(`the Redis store holds another world (fingerprint ${String(reply[1])}) than this replica's specs and fixtures make (${theirs}): give every replica the same files, then reload them (POST /__mock/reload or SIGHUP), or restart them`);
    }
    if (from === to) return;
    // 'ok' or 'already' (another replica moved the store): either way this replica's copies are old.
    this.#world = world;
    this.#fingerprint = theirs;
    this.#cache = new SessionCache(this.options.maxSessions + 1, this.#fresh);
  }

  async count(): Promise<number> {
    return (await this.names()).length;
  }

  close(): Promise<void> {
    return this.client.close();
  }

  refresh(name: string, entry: CachedSession): Promise<void> {
    entry.stale = true;
    return this.#sync(name, entry).then(() => undefined);
  }

  async commit(name: string, epoch: string, version: number, writes: readonly RecordWrite[], faultFree: boolean): Promise<CommitResult> {
    const args = [PREFIX, name, epoch, version, this.options.sessionBytes, faultFree ? 1 : 0, ...flatten(writes)];
    const [kind, n] = (await this.client.run('wmCommit', args)) as (string | number)[];
    if (kind === 'ok') return { kind, version: Number(n) };
    if (kind === 'full') return { kind, bytes: Number(n) };
    return { kind: kind === 'faults' ? kind : 'conflict' };
  }

  /** Brings the copy up to date (opens shared: CachedSession.sync); resolves with its fault rule count. */
  #sync(name: string, entry: CachedSession): Promise<number> {
    return entry.sync(async () => {
      const cachedEpoch = entry.stale ? '' : entry.epoch;
      const { idleTtlMs, maxSessions } = this.options;
      const args = [PREFIX, name, this.#fingerprint, this.cursorSecret, this.#epoch(), cachedEpoch, entry.version, idleTtlMs, maxSessions, this.#touchEvery, name === DEFAULT_SESSION ? 1 : 0];
      const refuted = entry.refuted;
      const reply = (await this.client.run('wmOpen', args)) as (string | number)[];
      if (reply[0] === 'mismatch') {
        // Another replica reloaded to another world: try to follow it (the server reloads this
        // replica's own files, throttled); until they match, requests are refused, not mixed.
        this.options.onMismatch?.();
        throw errors.storeMismatch(this.#fingerprint, String(reply[1]));
      }
      entry.take(reply, refuted, this.#fresh);
      return entry.faults;
    });
  }

  /** A new session's epoch: unique across replicas and restarts, so no copy is ever taken for another. */
  #epoch(): string {
    return `${this.#replica}.${(++this.#epochs).toString(36)}`;
  }
}
