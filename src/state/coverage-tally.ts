import type { MaybePromise } from './maybe-promise.js';
import type { CoverageCounts, CoverageFacts } from './operation-tally.js';

/** Where coverage is counted (memory-coverage.ts, redis/redis-coverage.ts): never failing or delaying a request. */
export interface CoverageTally {
  count(facts: CoverageFacts): void;
  /** The counts of one session, or of all sessions (null); a fresh value the caller may keep. */
  read(session: string | null): MaybePromise<CoverageCounts>;
  /** Forgets the counts of one session, or every count (null). */
  clear(session: string | null): MaybePromise<void>;
  /** Resolves once every count made so far is where every reader finds it (before the store closes). */
  settle(): Promise<void>;
}
