import { randomBytes } from 'node:crypto';
import type { Bundle } from '../bundle/load-bundle.js';
import type { Logger } from '../logging/logger.js';
import type { CoverageTally } from '../state/coverage-tally.js';
import { MemoryCoverage } from '../state/memory-coverage.js';
import { JournalBudget } from '../state/journal/journal-budget.js';
import { memoryStore } from '../state/memory-store.js';
import { sessionExtras } from '../state/session-extras.js';
import type { SessionStore } from '../state/session-store.js';
import type { ResolvedOptions } from '../config/mock-server-options.js';

export interface CreatedStore {
  readonly store: SessionStore;
  /** What signs cursors: the option, the store's shared one (Redis), or a random one. */
  readonly cursorSecret: string;
  /** Where coverage is counted: in this process, or in Redis with the sessions (every replica's requests). */
  readonly coverage: CoverageTally;
}

/** The store chosen at start (`--store`); the Redis client is loaded only for a Redis store. */
export async function createStore(options: ResolvedOptions, bundle: Bundle, logger: Logger, onMismatch: () => void): Promise<CreatedStore> {
  const journal = { entries: options.journalLimit, sessionBytes: options.journalSessionBytes, bodyBytes: options.journalBodyBytes, isSecret: (token: string) => token === options.adminToken };
  if (options.store === 'memory') {
    const store = memoryStore(bundle.world, {
      maxSessions: options.maxSessions,
      idleTtlMs: options.idleSessionMs,
      sessionBytes: options.sessionBytes,
      createExtras: sessionExtras(journal, new JournalBudget(options.journalTotalBytes), options.maxFaultRules),
    });
    return { store, cursorSecret: options.cursorSecret ?? randomBytes(16).toString('hex'), coverage: new MemoryCoverage(options.maxSessions) };
  }
  if (options.stateFile !== undefined) {
    throw new Error(`stateFile (--state-file) keeps the memory store's default session across restarts; with a Redis store (${options.store}) the state lives in Redis already`);
  }
  const { redisStore } = await import('../state/redis/redis-store.js');
  return redisStore({
    url: options.store,
    world: bundle.world,
    fingerprint: bundle.fingerprint,
    cursorSecret: options.cursorSecret,
    maxSessions: options.maxSessions,
    idleTtlMs: options.idleSessionMs,
    sessionBytes: options.sessionBytes,
    maxFaultRules: options.maxFaultRules,
    commandTimeoutMs: options.storeTimeoutMs,
    journal: { ...journal, totalBytes: options.journalTotalBytes },
    logger,
    onMismatch,
  });
}
