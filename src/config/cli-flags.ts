import { LOG_FORMATS, LOG_LEVELS } from '../http/logger.js';
import { LIMITS } from './limits.js';

const MiB = 1024 * 1024;
const bytes = (value: number): string => (value % MiB === 0 ? `${value / MiB}MiB` : value % 1024 === 0 ? `${value / 1024}KiB` : String(value));

/** Flag, environment variable, default, description: the one table --help and the README show. */
export const CLI_FLAGS = [
  ['port', 'PORT', '4010', 'Port to listen on (0 picks a free one).'],
  ['host', 'HOST', '127.0.0.1', 'Interface to listen on (0.0.0.0 inside containers).'],
  ['specs', 'WHOP_MOCK_SPECS', '<package>/specs', 'Folder of OpenAPI 3.1 documents, one or more per API version.'],
  ['fixtures', 'WHOP_MOCK_FIXTURES', '<package>/fixtures', 'Folder of fixture JSON files (the starting world).'],
  ['validate-responses', 'WHOP_MOCK_VALIDATE_RESPONSES', 'strict', 'strict | warn | off: what a response that breaks the spec does.'],
  ['version-dates', 'WHOP_MOCK_VERSION_DATES', 'exact', 'exact | nearest: an Api-Version-Date the specs do not list is a 400 (exact) or gets the newest version on or before it.'],
  ['log-level', 'WHOP_MOCK_LOG_LEVEL', 'info', `${LOG_LEVELS.join(' | ')}; info logs one line per request.`],
  ['log-format', 'WHOP_MOCK_LOG_FORMAT', 'auto', `${LOG_FORMATS.join(' | ')}: auto is pretty (one readable coloured line per request) on a terminal, JSON lines otherwise.`],
  ['watch', 'WHOP_MOCK_WATCH', 'auto', 'Reload the specs and fixtures when a file in their folders changes (true | false; auto: on when stdout is a terminal). POST /__mock/reload and SIGHUP reload too.'],
  ['cache-dir', 'WHOP_MOCK_CACHE_DIR', 'node_modules/.cache/whop-mock', 'Where compiled forms of your specs are kept between starts (else the OS temp folder); off for none.'],
  ['generate-users', 'WHOP_MOCK_GENERATE_USERS', '0', 'Add this many generated users (faker names, deterministic) to the fixtures.'],
  ['seed', 'WHOP_MOCK_SEED', '1', 'Seed for --generate-users (same seed, same users).'],
  ['admin-token', 'WHOP_MOCK_ADMIN_TOKEN', '(none)', 'When set, /__mock endpoints need "Authorization: Bearer <it>".'],
  ['open-control', 'WHOP_MOCK_OPEN_CONTROL', 'false', 'Without an admin token, let non-loopback clients use /__mock (true | false | 1 | 0 | yes | no; the bare flag is true).'],
  ['cors-origins', 'WHOP_MOCK_CORS_ORIGINS', '*', 'Browser origins allowed on the Whop API paths: comma-separated, or * for any.'],
  ['control-origins', 'WHOP_MOCK_CONTROL_ORIGINS', 'loopback', 'Browser origins allowed on /__mock: comma-separated, :* for any port (default http(s)://localhost:*, 127.0.0.1:*, [::1]:*).'],
  ['store', 'WHOP_MOCK_STORE', 'memory', 'Where sessions live: memory (this process) or redis://host:port/db (shared by replicas started with the same specs and fixtures).'],
  ['cursor-secret', 'WHOP_MOCK_CURSOR_SECRET', '(random per start; with redis, the store\'s)', 'Signs pagination cursors (16 characters or more), so they survive a restart.'],
  ['state-file', 'WHOP_MOCK_STATE_FILE', '(none)', 'Memory store: load the default session\'s world from this file at start (if it exists), save it there on a clean stop.'],
  // Limits: src/config/limits.ts holds each default; the README's limits table lists them.
  ['session-bytes', 'WHOP_MOCK_SESSION_BYTES', bytes(LIMITS.sessionBytes), 'Bytes one session\'s own records (written or seeded) may hold (413 beyond).'],
  ['store-timeout-seconds', 'WHOP_MOCK_STORE_TIMEOUT_SECONDS', String(LIMITS.storeTimeoutSeconds), 'A Redis store command not answered in this time fails the request (503).'],
  ['max-sessions', 'WHOP_MOCK_MAX_SESSIONS', String(LIMITS.maxSessions), 'Most X-Mock-Session sessions kept; the least recently used is evicted.'],
  ['session-idle-seconds', 'WHOP_MOCK_SESSION_IDLE_SECONDS', String(LIMITS.sessionIdleSeconds), 'A session idle this long is evicted (starts fresh when used again).'],
  ['journal-limit', 'WHOP_MOCK_JOURNAL_LIMIT', String(LIMITS.journalEntries), 'Requests kept in each session\'s journal (0 turns it off).'],
  ['journal-session-bytes', 'WHOP_MOCK_JOURNAL_SESSION_BYTES', bytes(LIMITS.journalSessionBytes), 'Bytes one session\'s journal keeps; the oldest entries go first.'],
  ['journal-total-bytes', 'WHOP_MOCK_JOURNAL_TOTAL_BYTES', bytes(LIMITS.journalTotalBytes), 'Bytes all journals keep together; the oldest entries of any session go first.'],
  ['journal-body-bytes', 'WHOP_MOCK_JOURNAL_BODY_BYTES', bytes(LIMITS.journalBodyBytes), 'Request and response bodies longer than this are kept cut in the journal.'],
  ['body-limit-bytes', 'WHOP_MOCK_BODY_LIMIT_BYTES', bytes(LIMITS.bodyLimitBytes), 'Largest request body (413 beyond).'],
  ['body-buffer-bytes', 'WHOP_MOCK_BODY_BUFFER_BYTES', bytes(LIMITS.bodyBufferBytes), 'Bytes of request bodies received at once over all connections (503 beyond).'],
  ['max-json-depth', 'WHOP_MOCK_MAX_JSON_DEPTH', String(LIMITS.maxJsonDepth), 'Deepest nesting of objects and arrays in a JSON body (400 beyond).'],
  ['max-header-bytes', 'WHOP_MOCK_MAX_HEADER_BYTES', bytes(LIMITS.maxHeaderBytes), 'Largest request line plus headers (431 beyond).'],
  ['max-delay-ms', 'WHOP_MOCK_MAX_DELAY_MS', String(LIMITS.maxDelayMs), 'Longest Prefer: delay or fault delay_ms (400 beyond).'],
  ['control-page-max', 'WHOP_MOCK_CONTROL_PAGE_MAX', String(LIMITS.controlPageMax), 'Most records or journal entries in one /__mock page (also the default page).'],
  ['headers-timeout-seconds', 'WHOP_MOCK_HEADERS_TIMEOUT_SECONDS', String(LIMITS.headersTimeoutSeconds), 'Time to receive a request\'s headers (408 beyond).'],
  ['request-timeout-seconds', 'WHOP_MOCK_REQUEST_TIMEOUT_SECONDS', String(LIMITS.requestTimeoutSeconds), 'Time to receive a whole request, body included (408 beyond).'],
  ['keep-alive-timeout-seconds', 'WHOP_MOCK_KEEP_ALIVE_TIMEOUT_SECONDS', String(LIMITS.keepAliveTimeoutSeconds), 'An idle keep-alive connection closes after this.'],
  ['max-connections', 'WHOP_MOCK_MAX_CONNECTIONS', String(LIMITS.maxConnections), 'Open connections; at the cap the longest-waiting one without a complete request is closed.'],
  ['shutdown-grace-seconds', 'WHOP_MOCK_SHUTDOWN_GRACE_SECONDS', String(LIMITS.shutdownGraceSeconds), 'On SIGTERM, how long requests being answered may finish (delays end at once); then they are cut and the exit code is 1.'],
] as const;

/** The flags of `whop-mock proxy` (only there): the same four columns. */
export const PROXY_FLAGS = [
  ['upstream', 'WHOP_MOCK_UPSTREAM', '(required)', 'The API to forward to, e.g. https://api.whop.com/api/v1 (its base: request paths are appended).'],
  ['upstream-timeout-ms', 'WHOP_MOCK_UPSTREAM_TIMEOUT_MS', String(LIMITS.upstreamTimeoutMs), 'How long the upstream may take to answer in full before the client gets a 504.'],
  ['upstream-body-limit-bytes', 'WHOP_MOCK_UPSTREAM_BODY_LIMIT_BYTES', bytes(LIMITS.upstreamBodyBytes), 'Largest upstream answer passed through (502 beyond).'],
  ['reject-invalid', 'WHOP_MOCK_REJECT_INVALID', 'false', 'Answer a request the spec refuses locally with the mock\'s 400 instead of forwarding it (flagged either way).'],
  ['drift-report', 'WHOP_MOCK_DRIFT_REPORT', '(none)', 'Write the drift report (GET /__mock/drift) to this JSON file on shutdown.'],
  ['drift-max-groups', 'WHOP_MOCK_DRIFT_MAX_GROUPS', String(LIMITS.driftGroups), 'Distinct violations, unknown fields and refusals kept per operation in the drift report.'],
  ['record', 'WHOP_MOCK_RECORD', '(none)', 'Write the users, members, companies and files that pass through to this fixtures folder (merged by id).'],
  ['record-raw', 'WHOP_MOCK_RECORD_RAW', 'false', 'Record emails, phones and tokens as they are, not as stable fakes.'],
] as const;

export type Flag = (typeof CLI_FLAGS)[number][0] | (typeof PROXY_FLAGS)[number][0];
