import type { MaybePromise } from './maybe-promise.js';
import type { CoverageCounts } from './operation-tally.js';

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

/** What coverage counts of one API request (made by src/pipeline/count-coverage.ts). */
export interface CoverageFacts {
  readonly session: string;
  /**
   * Where it is counted: `<version> <operationId>`; `- <operationId>` for one refused before a
   * version was chosen (bad Api-Version-Date, body not JSON); `-` for one naming no operation.
   */
  readonly key: string;
  /** The status answered; 0 when a fault dropped the connection. */
  readonly status: number;
  /** Forced by `Prefer` (code=, example=, dynamic=) or a fault rule, not the operation's own answer. */
  readonly forced: boolean;
  /** The Whop error envelope's `code`, for an error answer that has one. */
  readonly errorCode: string | undefined;
  /** `user_oauth_token`, `account_api_key`, `app_api_key`; `none` without a bearer token; `unknown` for a token the session does not know. */
  readonly tokenKind: string;
  /** The declared parameters and body fields sent, as labels: `query first`, `header api-version-date`, `body username`. */
  readonly fields: readonly string[];
  /** A successful answer to a request that sent a cursor (`after` or `before`): a page past the first. */
  readonly cursor: boolean;
}
