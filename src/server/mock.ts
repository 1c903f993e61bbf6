import type { ReloadResult, ReloadStatus } from '../control/control-plane.js';
import type { CoverageReport } from '../control/coverage-report.js';
import type { AsyncMockSession, MockSession } from '../control/mock-session.js';
import type { OperationSummary } from '../core/served-world.js';
import type { FetchInput } from '../edges/fetch-edge.js';
import type { Middleware } from '../edges/middleware.js';
import type { CloseResult } from '../edges/node/create-http-server.js';
import type { VersionDateMode } from '../openapi/version-date-mode.js';
import type { DriftReportJson } from '../proxy/drift/drift-report.js';

/** What createMock() resolves with: the mock with no socket, and everything a test does to it. */
export interface Mock {
  /**
   * The mock as a fetch function, with no socket: `new Whop({ apiKey, baseURL: 'http://whop.test/api/v1',
   * fetch: mock.fetch })` (any host will do). A fault's `drop` rejects as a network error.
   */
  fetch(input: FetchInput, init?: RequestInit): Promise<Response>;
  /** A connect/Express middleware serving the mock below its mount path: `app.use('/whop', mock.middleware())`. */
  middleware(): Middleware;
  versions: string[];
  /** Every recognized Api-Version-Date value -> the version it selects (from the specs). */
  versionDates: Record<string, string>;
  /** What happens to an Api-Version-Date value the specs do not list (see MockServerOptions). */
  versionDateMode: VersionDateMode;
  operations: OperationSummary[];
  /** Start-up warnings (also logged): operations that do not declare a status the mock may answer for them. */
  warnings: string[];
  /** `mock`, or `proxy` (forwarding to `upstream`). */
  mode: 'mock' | 'proxy';
  /** The upstream URL as it is shown: a user name or password in it masked as `***`. */
  upstream: string | null;
  /** Proxy mode: the drift report (GET /__mock/drift); null for a mock. */
  drift(): DriftReportJson | null;
  /** Resets the default session (the one requests without X-Mock-Session use) to the fixtures. */
  reset(): void;
  /**
   * A handle on a named session with everything /__mock offers (seed, journal, faults, reset); send
   * `handle.headers` with requests to act in it. Throws an ApiError for a name X-Mock-Session refuses.
   */
  session(name: string): MockSession;
  /** The same handle with promises: needed with the Redis store, where every call is a round trip. */
  sessionAsync(name: string): AsyncMockSession;
  /** Where sessions live (`--store`). */
  store: 'memory' | 'redis';
  /**
   * Reads and checks the specs and fixtures as start-up does: the new world is served from the next
   * request on; on failure it rejects with the one-line error and the previous world stays.
   * `trigger` names the cause in the log and in `reloadStatus()`.
   */
  reload(trigger?: string): Promise<ReloadResult>;
  /** The last reload and, while the previous world is served after a failed one, its error. */
  reloadStatus(): ReloadStatus;
  /** What the requests of one session, or of all (no argument), exercised of the specs (docs/coverage.md). */
  coverage(session?: string): Promise<CoverageReport>;
  /** Forgets the coverage counts of one session, or every count (no argument). */
  clearCoverage(session?: string): Promise<void>;
  /** Ends delays at once, saves the state file and the coverage report (if asked), lets go of store and upstream. */
  close(): Promise<MockClosed>;
}

/** What close() found at the stop. */
export interface MockClosed {
  /** With `coverageFailUnder`: why the run falls short of it (one line); null when it does not, or without it. */
  readonly coverageShortfall: string | null;
}

/** What createMockServer() resolves with: the same mock, listening. */
export interface MockServer extends Omit<Mock, 'close'> {
  /** e.g. http://127.0.0.1:4010 — the official SDK's baseURL is `${url}/api/v1`. */
  url: string;
  port: number;
  /**
   * Stops accepting connections, closes idle ones and ends delays at once; resolves when the rest are
   * answered, or when `shutdownGraceMs` ran out and they were cut (`cut` says how many).
   */
  close(): Promise<CloseResult & MockClosed>;
}
