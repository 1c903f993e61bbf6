import type { AsyncMockSession } from '../admin/async-mock-session.js';
import type { MockSession } from '../admin/mock-session.js';
import type { DriftReportJson } from '../drift/drift-report.js';
import type { CloseResult } from '../http/create-http-server.js';
import type { VersionDateMode } from '../versions/version-date-mode.js';
import type { OperationSummary } from './served-world.js';
import type { ReloadResult, ReloadStatus } from './world-reloader.js';

/** What createMockServer() resolves with: one listening server and everything a test does to it. */
export interface MockServer {
  /** e.g. http://127.0.0.1:4010 — the official SDK's baseURL is `${url}/api/v1`. */
  url: string;
  port: number;
  versions: string[];
  /** Every recognized Api-Version-Date value -> the version it selects (from the specs). */
  versionDates: Record<string, string>;
  /** What happens to an Api-Version-Date value the specs do not list (see MockServerOptions). */
  versionDateMode: VersionDateMode;
  operations: OperationSummary[];
  /**
   * Start-up warnings, also logged at `warn`: operations of the specs that do not declare a
   * status the mock may answer for them (empty for the bundled specs; none with validateResponses off).
   */
  warnings: string[];
  /**
   * Stops accepting connections, closes idle and half-sent ones at once, answers requests waiting
   * out a delay at once, and resolves when the rest have been answered, or when `shutdownGraceMs`
   * ran out and they were cut (`cut` says how many).
   */
  close(): Promise<CloseResult>;
  /** `mock`, or `proxy` (forwarding to `upstream`). */
  mode: 'mock' | 'proxy';
  upstream: string | null;
  /** Proxy mode: the drift report (GET /__mock/drift); null for a mock. */
  drift(): DriftReportJson | null;
  /** Resets the default session (the one requests without X-Mock-Session use) to the fixtures. */
  reset(): void;
  /**
   * A handle on a named session with everything /__mock offers: seed records and tokens, read
   * the journal, add faults, reset. Send `handle.headers` with requests to act in it. Throws an
   * ApiError for a name X-Mock-Session would refuse.
   */
  session(name: string): MockSession;
  /** The same handle with promises: needed with the Redis store, where every call is a round trip. */
  sessionAsync(name: string): AsyncMockSession;
  /** Where sessions live (`--store`). */
  store: 'memory' | 'redis';
  /**
   * Reads the specs and fixtures again and checks them exactly as start-up does. On success the
   * new world is served from the next request on (see the README for what sessions keep); on
   * failure it rejects with the one-line error and the previous world stays. `versions`,
   * `operations`, `warnings` and friends above describe the world served now. `trigger` names
   * the cause in the log and in `reloadStatus()` (default `server.reload()`).
   */
  reload(trigger?: string): Promise<ReloadResult>;
  /** The last reload and, while the previous world is served after a failed one, its error. */
  reloadStatus(): ReloadStatus;
}
