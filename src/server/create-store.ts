import { randomBytes } from 'node:crypto';
import type { Bundle } from '../bundle/load-bundle.js';
import type { Logger } from '../http/logger.js';
import { JournalBudget } from '../journal/journal-budget.js';
import { memoryStore } from '../sessions/memory-store.js';
import { sessionExtras } from '../sessions/session-extras.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { ResolvedOptions } from './mock-server-options.js';

export interface CreatedStore {
  readonly store: SessionStore;
  /** What signs cursors: the option, the store's shared one (Redis), or a random one. */
  readonly cursorSecret: string;
}

/**
 * The store chosen at start (`--store`). The memory store is built at once; the Redis client is
 * loaded only when a Redis store is asked for, and start-up fails with one line when Redis cannot
 * be reached or holds another world.
 */
export async function createStore(options: ResolvedOptions, bundle: Bundle, logger: Logger, onMismatch?: () => void): Promise<CreatedStore> {
  const journal = { entries: options.journalLimit, sessionBytes: options.journalSessionBytes, bodyBytes: options.journalBodyBytes, isSecret: (token: string) => token === options.adminToken };
  if (options.store === 'memory') {
    const store = memoryStore(bundle.world, {
      maxSessions: options.maxSessions,
      idleTtlMs: options.idleSessionMs,
      sessionBytes: options.sessionBytes,
      createExtras: sessionExtras(journal, new JournalBudget(options.journalTotalBytes)),
    });
    return { store, cursorSecret: options.cursorSecret ?? randomBytes(16).toString('hex') };
  }
  if (options.stateFile !== undefined) {
    throw new Error(`stateFile (--state-file) keeps the memory store's default session across restarts; with a Redis store (${options.store}) the state lives in Redis already`);
  }
  const { redisStore } = await import('../redis/redis-store.js');
  return redisStore({
    url: options.store,
    world: bundle.world,
    fingerprint: bundle.fingerprint,
    cursorSecret: options.cursorSecret,
    maxSessions: options.maxSessions,
    idleTtlMs: options.idleSessionMs,
    sessionBytes: options.sessionBytes,
    commandTimeoutMs: options.storeTimeoutMs,
    journal: { ...journal, totalBytes: options.journalTotalBytes },
    logger,
    ...(onMismatch === undefined ? {} : { onMismatch }),
  });
}
