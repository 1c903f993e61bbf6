import { fileURLToPath } from 'node:url';
import { LIMITS } from '../config/limits.js';
import { LOOPBACK_ORIGINS } from '../http/cors.js';
import type { LogFormat, LogLevel } from '../http/logger.js';
import type { ResponseMode } from '../validation/check-response.js';
import type { VersionDateMode } from '../versions/version-date-mode.js';

export interface MockServerOptions {
  /** 0 (the default here) picks a free port; the CLI defaults to 4010. */
  port?: number;
  host?: string;
  /** Folder of OpenAPI 3.1 documents. Default: the package's specs/. */
  specs?: string;
  /** Folder of fixture JSON files. Default: the package's fixtures/. */
  fixtures?: string;
  validateResponses?: ResponseMode;
  /**
   * `exact` (default): only the Api-Version-Date values the specs list (`info.x-api-version-dates`)
   * are accepted; any other is a 400. `nearest`: any later date gets the newest version on or before it.
   */
  versionDates?: VersionDateMode;
  /** Default `silent`: tests stay quiet. */
  logLevel?: LogLevel;
  /** Where log lines go (default stdout, written in batches). */
  log?: (line: string) => void;
  /** `json` lines, `pretty` (one readable coloured line per request), or `auto`: pretty when stdout is a terminal. Default `auto`. */
  logFormat?: LogFormat;
  /**
   * Where compiled forms of specs are cached between starts, keyed by their content: a folder,
   * or `false` for no cache. Default: node_modules/.cache/whop-mock under the working directory,
   * else a private folder in the OS temp folder. The package's own specs ship compiled.
   */
  cacheDir?: string | false;
  /** Extra generated users (faker's English names), deterministic for a seed. */
  generateUsers?: number;
  seed?: number;
  /** Most X-Mock-Session sessions kept besides the default (least recently used evicted first). */
  maxSessions?: number;
  /** A session unused this long is evicted; used again, it starts fresh from the fixtures. */
  idleSessionMs?: number;
  /** Requests each session's journal keeps (a ring: the oldest go first). Default 200; 0 keeps none. */
  journalLimit?: number;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** When set, /__mock needs `Authorization: Bearer <adminToken>` (GET /__mock/health excepted). */
  adminToken?: string | undefined;
  /** Without an admin token, also let non-loopback clients use /__mock. */
  openControl?: boolean;
  /** Browser origins that get CORS headers: comma-separated, or `*` (the default) for any. */
  corsOrigins?: string;

  // Limits (defaults: src/config/limits.ts; the README's limits table).
  /** Browser origins that may use /__mock: comma-separated, `:*` for any port. Default: loopback origins. */
  controlOrigins?: string;
  /** Bytes of request bodies being received at once, over all connections (503 beyond). */
  bodyBufferBytes?: number;
  /** Deepest nesting of objects and arrays in a JSON body (400 beyond). */
  maxJsonDepth?: number;
  /** Largest request line plus headers (431 beyond). */
  maxHeaderBytes?: number;
  /** Journal bytes kept per session, and by all sessions together; oldest entries go first. */
  journalSessionBytes?: number;
  journalTotalBytes?: number;
  /** Bodies longer than this are kept cut in the journal (with `body_truncated`). */
  journalBodyBytes?: number;
  /** Most records or journal entries in one /__mock page (also the default page). */
  controlPageMax?: number;
  /** Longest delay a `Prefer: delay` or fault rule may ask for. */
  maxDelayMs?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** Open connections; at the cap, the longest-waiting connection without a complete request is closed. */
  maxConnections?: number;
  /** How long close() lets requests being answered finish before it cuts them. */
  shutdownGraceMs?: number;
  /**
   * Prism answers operations without a stateful handler (only they need it: with the bundled
   * specs it is never loaded). `idle` (default): load it in the background at the first quiet
   * moment after listening; `on-demand`: only when a request needs it (that request waits about
   * a second).
   */
  loadPrism?: 'idle' | 'on-demand';
  /**
   * Reload when a file in the specs or fixtures folder changes (default false here; the CLI turns
   * it on when run from a terminal). POST /__mock/reload and `server.reload()` work either way.
   */
  watch?: boolean;

  // Proxy mode (README: "Proxy mode, drift and recording").
  /** `mock` (default): answer from the fixtures. `proxy`: forward to `upstream`, validate both ways, report drift. */
  mode?: 'mock' | 'proxy';
  /** The API to forward to in proxy mode, e.g. `https://api.whop.com/api/v1`. */
  upstream?: string;
  /** How long the upstream may take to answer in full (504 beyond). */
  upstreamTimeoutMs?: number;
  /** Largest upstream answer passed through (502 beyond). */
  upstreamBodyLimit?: number;
  /** Answer a request the spec refuses with the mock's 400 instead of forwarding it. */
  rejectInvalid?: boolean;
  /** Write the drift report to this JSON file when the server closes. */
  driftReport?: string;
  /** Distinct violations, unknown fields and refusals the drift report keeps per operation. */
  driftMaxGroups?: number;
  /** Record the users, members, companies and files that pass through into this fixtures folder. */
  record?: string;
  /** Record emails, phones and tokens as they are instead of stable fakes. */
  recordRaw?: boolean;
  // Where sessions live (README: "Stores").
  /**
   * `memory` (default): in this process. `redis://host:port/db`: in Redis 7 (or Valkey), shared by
   * every replica started with the same specs, fixtures and generate options.
   */
  store?: string;
  /** Most bytes one session's own records (what it wrote or seeded) may hold; a write beyond is a 413. */
  sessionBytes?: number;
  /** How long a store command may take before the request is answered 503 (Redis store). */
  storeTimeoutMs?: number;
  /**
   * Signs pagination cursors, so cursors survive a restart. Default: a random one per start; with
   * Redis, the one the store holds (the first replica's), shared by every replica.
   */
  cursorSecret?: string;
  /** Memory store: load the default session's world from this file at start, save it there on close(). */
  stateFile?: string;
}

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

type Unset = 'adminToken' | 'log' | 'cacheDir' | 'upstream' | 'driftReport' | 'record' | 'cursorSecret' | 'stateFile';
export type ResolvedOptions = Required<Omit<MockServerOptions, Unset>> & Pick<MockServerOptions, Unset>;

export function resolveOptions(options: MockServerOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    specs: options.specs ?? `${packageRoot}specs`,
    fixtures: options.fixtures ?? `${packageRoot}fixtures`,
    validateResponses: options.validateResponses ?? 'strict',
    versionDates: options.versionDates ?? 'exact',
    logLevel: options.logLevel ?? 'silent',
    log: options.log,
    logFormat: options.logFormat ?? 'auto',
    cacheDir: options.cacheDir,
    generateUsers: options.generateUsers ?? 0,
    seed: options.seed ?? 1,
    maxSessions: options.maxSessions ?? LIMITS.maxSessions,
    idleSessionMs: options.idleSessionMs ?? LIMITS.sessionIdleSeconds * 1000,
    journalLimit: options.journalLimit ?? LIMITS.journalEntries,
    bodyLimit: options.bodyLimit ?? LIMITS.bodyLimitBytes,
    adminToken: options.adminToken,
    openControl: options.openControl ?? false,
    corsOrigins: options.corsOrigins ?? '*',
    controlOrigins: options.controlOrigins ?? LOOPBACK_ORIGINS,
    bodyBufferBytes: options.bodyBufferBytes ?? LIMITS.bodyBufferBytes,
    maxJsonDepth: options.maxJsonDepth ?? LIMITS.maxJsonDepth,
    maxHeaderBytes: options.maxHeaderBytes ?? LIMITS.maxHeaderBytes,
    journalSessionBytes: options.journalSessionBytes ?? LIMITS.journalSessionBytes,
    journalTotalBytes: options.journalTotalBytes ?? LIMITS.journalTotalBytes,
    journalBodyBytes: options.journalBodyBytes ?? LIMITS.journalBodyBytes,
    controlPageMax: options.controlPageMax ?? LIMITS.controlPageMax,
    maxDelayMs: options.maxDelayMs ?? LIMITS.maxDelayMs,
    headersTimeoutMs: options.headersTimeoutMs ?? LIMITS.headersTimeoutSeconds * 1000,
    requestTimeoutMs: options.requestTimeoutMs ?? LIMITS.requestTimeoutSeconds * 1000,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? LIMITS.keepAliveTimeoutSeconds * 1000,
    maxConnections: options.maxConnections ?? LIMITS.maxConnections,
    shutdownGraceMs: options.shutdownGraceMs ?? LIMITS.shutdownGraceSeconds * 1000,
    loadPrism: options.loadPrism ?? 'idle',
    watch: options.watch ?? false,
    mode: options.mode ?? 'mock',
    upstream: options.upstream,
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? LIMITS.upstreamTimeoutMs,
    upstreamBodyLimit: options.upstreamBodyLimit ?? LIMITS.upstreamBodyBytes,
    rejectInvalid: options.rejectInvalid ?? false,
    driftReport: options.driftReport,
    driftMaxGroups: options.driftMaxGroups ?? LIMITS.driftGroups,
    record: options.record,
    recordRaw: options.recordRaw ?? false,
    store: options.store ?? 'memory',
    sessionBytes: options.sessionBytes ?? LIMITS.sessionBytes,
    storeTimeoutMs: options.storeTimeoutMs ?? LIMITS.storeTimeoutSeconds * 1000,
    cursorSecret: options.cursorSecret,
    stateFile: options.stateFile,
  };
}
