import { fileURLToPath } from 'node:url';
import { shownUrl } from '../kernel/shown-url.js';
import type { LogFormat, LogLevel } from '../logging/logger.js';
import type { ResponseMode } from '../validation/check-response.js';
import type { VersionDateMode } from '../openapi/version-date-mode.js';
import { SETTINGS } from './settings.js';

export interface MockServerOptions {
  /** 0 (the default here) picks a free port; the CLI defaults to 4010. */
  port?: number;
  host?: string;
  /** Folder of OpenAPI 3.1 documents. Default: the package's specs/. */
  specs?: string;
  /** Folder of fixture JSON files. Default: the package's fixtures/. */
  fixtures?: string;
  validateResponses?: ResponseMode;
  /** `exact` (default): an Api-Version-Date the specs do not list is a 400; `nearest`: the newest before it. */
  versionDates?: VersionDateMode;
  /** Default `silent`: tests stay quiet. */
  logLevel?: LogLevel;
  /** Where log lines go (default stdout, written in batches). */
  log?: (line: string) => void;
  /** `json` lines, `pretty` (one readable coloured line per request), or `auto`: pretty when stdout is a terminal. Default `auto`. */
  logFormat?: LogFormat;
  /** Where compiled specs are cached between starts (`false`: none). Default: node_modules/.cache/whop-mock. */
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
  /** Wrong admin tokens one client may send in a minute before /__mock answers it 429 (0: never). */
  maxAdminFailures?: number;
  /** Without an admin token, also let non-loopback clients use /__mock. */
  openControl?: boolean;
  /** Browser origins that get CORS headers: comma-separated, or `*` (the default) for any. */
  corsOrigins?: string;

  // Limits (defaults: src/config/settings.ts; docs/configuration.md).
  /** Browser origins that may use /__mock: comma-separated, `:*` for any port. Default: loopback origins. */
  controlOrigins?: string;
  /** Without an admin token, host names /__mock answers at besides loopback (`name[:port]` or `*.domain`). */
  controlHosts?: string;
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
   * When Prism (an optional peer dependency, for operations neither a handler nor the spec answers) loads:
   * `idle` (default), at the first quiet moment after listening; `on-demand`, when a request needs it (it waits ~1 s).
   */
  loadPrism?: 'idle' | 'on-demand';
  /** Reload when a file in the specs or fixtures folder changes (default false; the CLI's is on at a terminal). */
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
  /** `memory` (default), or `redis://host:port/db`: Redis 7 (or Valkey), shared by replicas with the same inputs. */
  store?: string;
  /** Most bytes one session's own records (what it wrote or seeded) and fault rules may hold together; beyond is a 413. */
  sessionBytes?: number;
  /** Most fault rules one session may have at once; one more is a 413. */
  maxFaultRules?: number;
  /** How long a store command may take before the request is answered 503 (Redis store). */
  storeTimeoutMs?: number;
  /** Signs pagination cursors, so they survive a restart. Default: random per start; with Redis, the store's. */
  cursorSecret?: string;
  /** Memory store: the default session's world, loaded from this file at start and saved there on close(). */
  stateFile?: string;
  /** With `stateFile`: also save it this often when the default session changed (0, the default: only on close()). */
  stateSaveMs?: number;
  // Coverage (docs/coverage.md).
  /** On close(), write the coverage report of all sessions to this file: Markdown when it ends in `.md`, JSON otherwise. */
  coverageReport?: string;
  /** On close(), name the shortfall (`coverageShortfall`) when less than this percentage of declared (operation, version, status) cells was exercised. */
  coverageFailUnder?: number;
}

/**
 * The installed package's folder (its specs, fixtures and package.json). Found from this module's
 * place one folder below dist/, as every module that finds a file from import.meta.url is: the CLI
 * bundle (dist/bin/, scripts/build-cli.mjs) sits at the same depth, so the paths hold there too.
 */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/** True for an absolute http(s) URL (the upstream of proxy mode). */
export function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
}

type Unset = 'adminToken' | 'log' | 'cacheDir' | 'upstream' | 'driftReport' | 'record' | 'cursorSecret' | 'stateFile' | 'coverageReport' | 'coverageFailUnder';
export type ResolvedOptions = Required<Omit<MockServerOptions, Unset>> & Pick<MockServerOptions, Unset>;

/**
 * Every option, given or its default: from the settings table, and the few options no flag sets.
 * Fails at start, naming the option, when a limit cannot work.
 */
export function resolveOptions(input: MockServerOptions): ResolvedOptions {
  const resolved: Record<string, unknown> = { specs: `${packageRoot}specs`, fixtures: `${packageRoot}fixtures`, loadPrism: 'idle', mode: 'mock', log: undefined };
  for (const setting of SETTINGS) if (!(setting.option in resolved)) resolved[setting.option] = setting.default;
  for (const [name, value] of Object.entries(input)) if (value !== undefined) resolved[name] = value;
  for (const { option, read } of SETTINGS) {
    if (read.kind !== 'integer' && read.kind !== 'size') continue;
    // In the option's own unit: a timeout in ms may be shorter than the CLI's smallest whole second (tests use that).
    const value = resolved[option];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < read.min) throw new Error(`${option} must be a whole number, ${read.min} or more, got ${String(value)}`);
  }
  const options = resolved as ResolvedOptions;
  if (options.headersTimeoutMs > options.requestTimeoutMs) {
    throw new Error(`headersTimeoutMs (${options.headersTimeoutMs}) cannot be longer than requestTimeoutMs (${options.requestTimeoutMs}): the headers are part of the request`);
  }
  const failUnder = options.coverageFailUnder;
  if (failUnder !== undefined && !(typeof failUnder === 'number' && failUnder >= 0 && failUnder <= 100)) throw new Error(`coverageFailUnder must be a percentage from 0 to 100, got ${String(failUnder)}`);
  if (options.stateSaveMs > 0 && options.stateFile === undefined) throw new Error('stateSaveMs (--state-save-seconds) saves the state file every so often: it needs stateFile (--state-file)');
  if (options.mode === 'proxy' && !(options.upstream !== undefined && isHttpUrl(options.upstream))) {
    throw new Error(`mode 'proxy' needs upstream: an http(s) URL such as https://api.whop.com/api/v1, got ${JSON.stringify(options.upstream && shownUrl(options.upstream))}`);
  }
  if (options.mode !== 'proxy' && (options.upstream !== undefined || options.record !== undefined || options.driftReport !== undefined)) {
    throw new Error(`upstream, record and driftReport need mode: 'proxy'`);
  }
  return options;
}
