import { LOOPBACK_ORIGINS } from '../core/cors.js';
import { LOG_FORMATS, LOG_LEVELS } from '../logging/logger.js';
import { VERSION_DATE_MODES } from '../openapi/version-date-mode.js';
import { MAX_DELAY_MS } from '../pipeline/parse-prefer.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;
const DAY_S = 86_400;

/** How a setting's text becomes its value (and, for numbers, the range a programmatic option must be in too). */
export type Read =
  | { readonly kind: 'integer'; readonly min: number; readonly max: number; /** Seconds on the command line, milliseconds in the option. */ readonly scale?: 1000 }
  | { readonly kind: 'size'; readonly min: number }
  | { readonly kind: 'percent' }
  | { readonly kind: 'oneOf'; readonly values: readonly string[] }
  | { readonly kind: 'boolean' | 'text' | 'secret' | 'store' | 'upstream' | 'cacheDir' };

/** One setting: its flag, its environment variable, the createMockServer() option it sets, its default. */
export interface Setting {
  readonly flag: string;
  readonly env: string;
  readonly option: string;
  readonly read: Read;
  /** The option's default (in the option's units); undefined: unset. */
  readonly default: unknown;
  /** The CLI's default, where it differs from the option's (a server at a terminal, not a test). */
  readonly cli?: unknown;
  /** The default as --help and docs/configuration.md show it, where the value says less. */
  readonly shown?: string;
  readonly text: string;
  /** `whop-mock proxy` only. */
  readonly proxy?: true;
  /** A bound on what clients can make the mock hold or wait for (the README's limits table). */
  readonly limit?: true;
}

const integer = (min: number, max: number): Read => ({ kind: 'integer', min, max });
const seconds = (min: number, max = DAY_S): Read => ({ kind: 'integer', min, max, scale: 1000 });
const size = (min: number): Read => ({ kind: 'size', min });
const oneOf = (values: readonly string[]): Read => ({ kind: 'oneOf', values });
const read = (kind: 'boolean' | 'text' | 'secret' | 'store' | 'upstream' | 'cacheDir'): Read => ({ kind });

/**
 * Every setting of the mock, in the order --help lists them: the one table the CLI parses,
 * createMockServer() takes its defaults and bounds from, and --help and docs/configuration.md
 * are made from (a test holds the page to it).
 */
export const SETTINGS: readonly Setting[] = [
  { flag: 'port', env: 'PORT', option: 'port', read: integer(0, 65535), default: 0, cli: 4010, text: 'Port to listen on (0 picks a free one; createMockServer() defaults to 0).' },
  { flag: 'host', env: 'HOST', option: 'host', read: read('text'), default: '127.0.0.1', text: 'Interface to listen on (0.0.0.0 inside containers).' },
  { flag: 'specs', env: 'WHOP_MOCK_SPECS', option: 'specs', read: read('text'), default: undefined, shown: '<package>/specs', text: 'Folder of OpenAPI 3.1 documents, one or more per API version.' },
  { flag: 'fixtures', env: 'WHOP_MOCK_FIXTURES', option: 'fixtures', read: read('text'), default: undefined, shown: '<package>/fixtures', text: 'Folder of fixture JSON files (the starting world).' },
  { flag: 'validate-responses', env: 'WHOP_MOCK_VALIDATE_RESPONSES', option: 'validateResponses', read: oneOf(['strict', 'warn', 'off']), default: 'strict', text: 'strict | warn | off: what a response that breaks the spec does.' },
  { flag: 'version-dates', env: 'WHOP_MOCK_VERSION_DATES', option: 'versionDates', read: oneOf(VERSION_DATE_MODES), default: 'exact', text: 'exact | nearest: an Api-Version-Date the specs do not list is a 400 (exact) or gets the newest version on or before it.' },
  { flag: 'log-level', env: 'WHOP_MOCK_LOG_LEVEL', option: 'logLevel', read: oneOf(LOG_LEVELS), default: 'silent', cli: 'info', text: `${LOG_LEVELS.join(' | ')}; info logs one line per request (createMockServer() defaults to silent).` },
  { flag: 'log-format', env: 'WHOP_MOCK_LOG_FORMAT', option: 'logFormat', read: oneOf(LOG_FORMATS), default: 'auto', text: `${LOG_FORMATS.join(' | ')}: auto is pretty (one readable coloured line per request) on a terminal, JSON lines otherwise.` },
  { flag: 'watch', env: 'WHOP_MOCK_WATCH', option: 'watch', read: read('boolean'), default: false, cli: undefined, shown: 'auto', text: 'Reload the specs and fixtures when a file in their folders changes (true | false; auto: on when stdout is a terminal). POST /__mock/reload and SIGHUP reload too.' },
  { flag: 'cache-dir', env: 'WHOP_MOCK_CACHE_DIR', option: 'cacheDir', read: read('cacheDir'), default: undefined, shown: 'node_modules/.cache/whop-mock', text: 'Where compiled forms of your specs are kept between starts (else the OS temp folder); off for none.' },
  { flag: 'generate-users', env: 'WHOP_MOCK_GENERATE_USERS', option: 'generateUsers', read: integer(0, 1_000_000), default: 0, text: 'Add this many generated users (faker names, deterministic) to the fixtures.' },
  { flag: 'seed', env: 'WHOP_MOCK_SEED', option: 'seed', read: integer(0, 2 ** 31 - 1), default: 1, text: 'Seed for --generate-users (same seed, same users).' },
  { flag: 'admin-token', env: 'WHOP_MOCK_ADMIN_TOKEN', option: 'adminToken', read: read('text'), default: undefined, text: 'When set, /__mock endpoints need "Authorization: Bearer <it>" (use 16 characters or more).' },
  { flag: 'open-control', env: 'WHOP_MOCK_OPEN_CONTROL', option: 'openControl', read: read('boolean'), default: false, text: 'Without an admin token, let non-loopback clients use /__mock (true | false | 1 | 0 | yes | no; the bare flag is true).' },
  { flag: 'cors-origins', env: 'WHOP_MOCK_CORS_ORIGINS', option: 'corsOrigins', read: read('text'), default: '*', text: 'Browser origins allowed on the Whop API paths: comma-separated, or * for any.' },
  { flag: 'control-origins', env: 'WHOP_MOCK_CONTROL_ORIGINS', option: 'controlOrigins', read: read('text'), default: LOOPBACK_ORIGINS, shown: 'loopback', text: 'Browser origins allowed on /__mock: comma-separated, :* for any port (default http(s)://localhost:*, 127.0.0.1:*, [::1]:*).' },
  { flag: 'control-hosts', env: 'WHOP_MOCK_CONTROL_HOSTS', option: 'controlHosts', read: read('text'), default: '', text: 'Without an admin token, host names /__mock answers at besides loopback names and IP addresses (the Host a proxy in front sends): comma-separated, name[:port] or *.domain. A guard against DNS rebinding.' },
  { flag: 'store', env: 'WHOP_MOCK_STORE', option: 'store', read: read('store'), default: 'memory', text: 'Where sessions live: memory (this process) or redis://host:port/db (shared by replicas started with the same specs and fixtures).' },
  { flag: 'cursor-secret', env: 'WHOP_MOCK_CURSOR_SECRET', option: 'cursorSecret', read: read('secret'), default: undefined, shown: "(random per start; with redis, the store's)", text: 'Signs pagination cursors (16 characters or more), so they survive a restart.' },
  { flag: 'state-file', env: 'WHOP_MOCK_STATE_FILE', option: 'stateFile', read: read('text'), default: undefined, text: "Memory store: load the default session's world from this file at start (if it exists), save it there on a clean stop; a reload keeps that world." },
  { flag: 'state-save-seconds', env: 'WHOP_MOCK_STATE_SAVE_SECONDS', option: 'stateSaveMs', read: seconds(0), default: 0, text: 'With --state-file: also save it this often when the default session changed (0: only on a clean stop).' },
  { flag: 'coverage-report', env: 'WHOP_MOCK_COVERAGE_REPORT', option: 'coverageReport', read: read('text'), default: undefined, text: 'On a clean stop, write the coverage report of all sessions (GET /__mock/coverage) to this file: Markdown when its name ends in .md, JSON otherwise.' },
  { flag: 'coverage-fail-under', env: 'WHOP_MOCK_COVERAGE_FAIL_UNDER', option: 'coverageFailUnder', read: { kind: 'percent' }, default: undefined, text: 'On a clean stop, exit 1 with a one-line reason when less than this percentage (0 to 100) of the declared (operation, version, status) cells was exercised (docs/coverage.md).' },
  { flag: 'session-bytes', env: 'WHOP_MOCK_SESSION_BYTES', option: 'sessionBytes', read: size(0), default: 256 * KiB, limit: true, text: "Bytes one session's own records (written or seeded) and fault rules may hold together (413 beyond)." },
  { flag: 'max-fault-rules', env: 'WHOP_MOCK_MAX_FAULT_RULES', option: 'maxFaultRules', read: integer(0, 100_000), default: 100, limit: true, text: 'Fault rules one session may have at once (413 beyond).' },
  { flag: 'max-admin-failures', env: 'WHOP_MOCK_MAX_ADMIN_FAILURES', option: 'maxAdminFailures', read: integer(0, 1_000_000), default: 10, limit: true, text: 'Wrong admin tokens one client may send in a minute; then /__mock answers it 429 until the minute is over (0: never).' },
  { flag: 'store-timeout-seconds', env: 'WHOP_MOCK_STORE_TIMEOUT_SECONDS', option: 'storeTimeoutMs', read: seconds(1), default: 2000, limit: true, text: 'A Redis store command not answered in this time fails the request (503).' },
  { flag: 'max-sessions', env: 'WHOP_MOCK_MAX_SESSIONS', option: 'maxSessions', read: integer(1, 1_000_000), default: 1000, limit: true, text: 'Most X-Mock-Session sessions kept; the least recently used is evicted.' },
  { flag: 'session-idle-seconds', env: 'WHOP_MOCK_SESSION_IDLE_SECONDS', option: 'idleSessionMs', read: seconds(1, 31_536_000), default: 3_600_000, limit: true, text: 'A session idle this long is evicted (starts fresh when used again).' },
  { flag: 'journal-limit', env: 'WHOP_MOCK_JOURNAL_LIMIT', option: 'journalLimit', read: integer(0, 100_000), default: 200, limit: true, text: "Requests kept in each session's journal (0 turns it off)." },
  { flag: 'journal-session-bytes', env: 'WHOP_MOCK_JOURNAL_SESSION_BYTES', option: 'journalSessionBytes', read: size(0), default: 2 * MiB, limit: true, text: "Bytes one session's journal keeps; the oldest entries go first." },
  { flag: 'journal-total-bytes', env: 'WHOP_MOCK_JOURNAL_TOTAL_BYTES', option: 'journalTotalBytes', read: size(0), default: 64 * MiB, limit: true, text: 'Bytes all journals keep together; the oldest entries of any session go first.' },
  { flag: 'journal-body-bytes', env: 'WHOP_MOCK_JOURNAL_BODY_BYTES', option: 'journalBodyBytes', read: size(0), default: 32 * KiB, limit: true, text: 'Request and response bodies longer than this are kept cut in the journal.' },
  { flag: 'body-limit-bytes', env: 'WHOP_MOCK_BODY_LIMIT_BYTES', option: 'bodyLimit', read: size(1), default: 1 * MiB, limit: true, text: 'Largest request body (413 beyond).' },
  { flag: 'body-buffer-bytes', env: 'WHOP_MOCK_BODY_BUFFER_BYTES', option: 'bodyBufferBytes', read: size(1), default: 64 * MiB, limit: true, text: 'Bytes of request bodies received at once over all connections (503 beyond).' },
  { flag: 'max-json-depth', env: 'WHOP_MOCK_MAX_JSON_DEPTH', option: 'maxJsonDepth', read: integer(1, 10_000), default: 64, limit: true, text: 'Deepest nesting of objects and arrays in a JSON body, a request\'s or an upstream\'s (400 beyond; an upstream\'s is passed on unread).' },
  { flag: 'max-header-bytes', env: 'WHOP_MOCK_MAX_HEADER_BYTES', option: 'maxHeaderBytes', read: size(1024), default: 16 * KiB, limit: true, text: 'Largest request line plus headers (431 beyond).' },
  { flag: 'max-delay-ms', env: 'WHOP_MOCK_MAX_DELAY_MS', option: 'maxDelayMs', read: integer(0, 3_600_000), default: MAX_DELAY_MS, limit: true, text: 'Longest Prefer: delay or fault delay_ms (400 beyond).' },
  { flag: 'control-page-max', env: 'WHOP_MOCK_CONTROL_PAGE_MAX', option: 'controlPageMax', read: integer(1, 1_000_000), default: 1000, limit: true, text: 'Most records or journal entries in one /__mock page (also the default page).' },
  { flag: 'headers-timeout-seconds', env: 'WHOP_MOCK_HEADERS_TIMEOUT_SECONDS', option: 'headersTimeoutMs', read: seconds(1), default: 10_000, limit: true, text: "Time to receive a request's headers (408 beyond)." },
  { flag: 'request-timeout-seconds', env: 'WHOP_MOCK_REQUEST_TIMEOUT_SECONDS', option: 'requestTimeoutMs', read: seconds(1), default: 30_000, limit: true, text: 'Time to receive a whole request, body included (408 beyond).' },
  { flag: 'keep-alive-timeout-seconds', env: 'WHOP_MOCK_KEEP_ALIVE_TIMEOUT_SECONDS', option: 'keepAliveTimeoutMs', read: seconds(1), default: 5000, limit: true, text: 'An idle keep-alive connection closes after this.' },
  { flag: 'max-connections', env: 'WHOP_MOCK_MAX_CONNECTIONS', option: 'maxConnections', read: integer(1, 1_000_000), default: 4096, limit: true, text: 'Open connections; at the cap the longest-waiting one without a complete request is closed.' },
  { flag: 'shutdown-grace-seconds', env: 'WHOP_MOCK_SHUTDOWN_GRACE_SECONDS', option: 'shutdownGraceMs', read: seconds(0), default: 5000, limit: true, text: 'On SIGTERM, how long requests being answered may finish (delays end at once); then they are cut and the exit code is 1.' },
  { flag: 'upstream', env: 'WHOP_MOCK_UPSTREAM', option: 'upstream', read: read('upstream'), default: undefined, shown: '(required)', proxy: true, text: 'The API to forward to, e.g. https://api.whop.com/api/v1 (its base: request paths are appended).' },
  { flag: 'upstream-timeout-ms', env: 'WHOP_MOCK_UPSTREAM_TIMEOUT_MS', option: 'upstreamTimeoutMs', read: integer(1, 3_600_000), default: 30_000, proxy: true, limit: true, text: 'How long the upstream may take to answer in full before the client gets a 504.' },
  { flag: 'upstream-body-limit-bytes', env: 'WHOP_MOCK_UPSTREAM_BODY_LIMIT_BYTES', option: 'upstreamBodyLimit', read: size(1), default: 16 * MiB, proxy: true, limit: true, text: 'Largest upstream answer passed through, as received and once decompressed (502 beyond).' },
  { flag: 'reject-invalid', env: 'WHOP_MOCK_REJECT_INVALID', option: 'rejectInvalid', read: read('boolean'), default: false, proxy: true, text: "Answer a request the spec refuses locally with the mock's 400 instead of forwarding it (flagged either way)." },
  { flag: 'drift-report', env: 'WHOP_MOCK_DRIFT_REPORT', option: 'driftReport', read: read('text'), default: undefined, proxy: true, text: 'Write the drift report (GET /__mock/drift) to this JSON file on shutdown.' },
  { flag: 'drift-max-groups', env: 'WHOP_MOCK_DRIFT_MAX_GROUPS', option: 'driftMaxGroups', read: integer(1, 100_000), default: 100, proxy: true, limit: true, text: 'Distinct violations, unknown fields and refusals kept per operation in the drift report.' },
  { flag: 'record', env: 'WHOP_MOCK_RECORD', option: 'record', read: read('text'), default: undefined, proxy: true, text: 'Write the users, members, companies and files that pass through to this fixtures folder (merged by id).' },
  { flag: 'record-raw', env: 'WHOP_MOCK_RECORD_RAW', option: 'recordRaw', read: read('boolean'), default: false, proxy: true, text: 'Record emails, phones and tokens as they are, not as stable fakes.' },
];

/** The default of an option, from the table (programmatic use). */
export function defaultOf(option: string): unknown {
  return SETTINGS.find((setting) => setting.option === option)?.default;
}
