import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../http/logger.js';
import { CLI_FLAGS, PROXY_FLAGS, type Flag } from './cli-flags.js';
import { LIMITS } from './limits.js';
import { CliError, cacheDirOf, readBoolean, readInteger, readOneOf, readSize, secretOf, storeOf, upstreamOf, type Setting } from './setting-readers.js';
import type { ResponseMode } from '../validation/check-response.js';
import { VERSION_DATE_MODES, type VersionDateMode } from '../versions/version-date-mode.js';

export interface CliOptions {
  port: number;
  host: string;
  specs: string;
  fixtures: string;
  validateResponses: ResponseMode;
  versionDates: VersionDateMode;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** A folder, false (`off`) for no cache, undefined for the default. */
  cacheDir: string | false | undefined;
  generateUsers: number;
  seed: number;
  maxSessions: number;
  journalLimit: number;
  sessionIdleSeconds: number;
  adminToken: string | undefined;
  openControl: boolean;
  /** undefined: not set (the CLI decides: on when stdout is a terminal). */
  watch: boolean | undefined;
  corsOrigins: string;
  controlOrigins: string | undefined;
  journalSessionBytes: number;
  journalTotalBytes: number;
  journalBodyBytes: number;
  bodyLimit: number;
  bodyBufferBytes: number;
  maxJsonDepth: number;
  maxHeaderBytes: number;
  maxDelayMs: number;
  controlPageMax: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  shutdownGraceMs: number;
  /** `whop-mock proxy`: forward to an upstream, report drift, maybe record; otherwise the mock. */
  mode: 'mock' | 'proxy';
  upstream: string | undefined;
  upstreamTimeoutMs: number;
  upstreamBodyLimit: number;
  rejectInvalid: boolean;
  driftReport: string | undefined;
  driftMaxGroups: number;
  record: string | undefined;
  recordRaw: boolean;
  store: string;
  cursorSecret: string | undefined;
  stateFile: string | undefined;
  sessionBytes: number;
  storeTimeoutMs: number;
}

export { CLI_FLAGS, PROXY_FLAGS };

export type CliCommand = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'version' };

export { CliError };

/** Flags that are on or off. Alone they mean true; flag and env accept the same spellings. */
const BOOLEAN_FLAGS: ReadonlySet<string> = new Set<Flag>(['open-control', 'watch', 'reject-invalid', 'record-raw']);

/** Pure: argv and env in, a command out (or a CliError with a one-line message). */
export function parseCli(argv: string[], env: Record<string, string | undefined>, defaults: { specs: string; fixtures: string }): CliCommand {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  };
  for (const [flag] of [...CLI_FLAGS, ...PROXY_FLAGS]) options[flag] = { type: 'string' };
  // `whop-mock proxy [flags]`: the one subcommand, always first.
  const mode = argv[0] === 'proxy' ? 'proxy' : 'mock';
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: withBooleanValues(mode === 'proxy' ? argv.slice(1) : argv), strict: true, allowPositionals: false, options }));
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0]);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const proxyOnly = PROXY_FLAGS.map(([flag]) => flag).find((flag) => values[flag] !== undefined);
  if (mode === 'mock' && proxyOnly !== undefined) throw new CliError(`--${proxyOnly} is a flag of "whop-mock proxy"`);
  const setting = (flag: Flag): Setting | undefined => {
    const value = values[flag];
    if (typeof value === 'string') return { raw: value, from: `--${flag}` };
    const name = [...CLI_FLAGS, ...PROXY_FLAGS].find(([known]) => known === flag)?.[1] ?? '';
    const raw = env[name];
    // An empty variable (`-e PORT=`) counts as unset, as most tools read it.
    return raw === undefined || raw === '' ? undefined : { raw, from: name };
  };
  const text = (flag: Flag, fallback: string) => setting(flag)?.raw ?? fallback;
  const integer = (flag: Flag, fallback: number, min: number, max: number) => readInteger(setting(flag), min, max) ?? fallback;
  const oneOf = <T extends string>(flag: Flag, fallback: T, allowed: readonly T[]) => readOneOf(setting(flag), allowed) ?? fallback;
  const size = (flag: Flag, fallback: number, min: number) => readSize(setting(flag), min) ?? fallback;
  const seconds = (flag: Flag, fallback: number, min: number) => integer(flag, fallback, min, 86_400) * 1000;
  // Proxy flags are read in proxy mode only: a WHOP_MOCK_UPSTREAM exported for one does not change the other.
  const proxied = <T>(read: () => T, fallback: T): T => (mode === 'proxy' ? read() : fallback);
  const upstream = proxied(() => upstreamOf(setting('upstream')), undefined);
  return {
    kind: 'run',
    options: {
      port: integer('port', 4010, 0, 65535),
      host: text('host', '127.0.0.1'),
      specs: text('specs', defaults.specs),
      fixtures: text('fixtures', defaults.fixtures),
      validateResponses: oneOf('validate-responses', 'strict', ['strict', 'warn', 'off'] as const),
      versionDates: oneOf('version-dates', 'exact', VERSION_DATE_MODES),
      logLevel: oneOf('log-level', 'info', LOG_LEVELS),
      logFormat: oneOf('log-format', 'auto', LOG_FORMATS),
      cacheDir: cacheDirOf(setting('cache-dir')),
      generateUsers: integer('generate-users', 0, 0, 1_000_000),
      seed: integer('seed', 1, 0, 2 ** 31 - 1),
      maxSessions: integer('max-sessions', LIMITS.maxSessions, 1, 1_000_000),
      journalLimit: integer('journal-limit', LIMITS.journalEntries, 0, 100_000),
      sessionIdleSeconds: integer('session-idle-seconds', LIMITS.sessionIdleSeconds, 1, 31_536_000),
      adminToken: setting('admin-token')?.raw,
      openControl: readBoolean(setting('open-control')) ?? false,
      watch: readBoolean(setting('watch')),
      corsOrigins: text('cors-origins', '*'),
      controlOrigins: setting('control-origins')?.raw,
      journalSessionBytes: size('journal-session-bytes', LIMITS.journalSessionBytes, 0),
      journalTotalBytes: size('journal-total-bytes', LIMITS.journalTotalBytes, 0),
      journalBodyBytes: size('journal-body-bytes', LIMITS.journalBodyBytes, 0),
      bodyLimit: size('body-limit-bytes', LIMITS.bodyLimitBytes, 1),
      bodyBufferBytes: size('body-buffer-bytes', LIMITS.bodyBufferBytes, 1),
      maxJsonDepth: integer('max-json-depth', LIMITS.maxJsonDepth, 1, 10_000),
      maxHeaderBytes: size('max-header-bytes', LIMITS.maxHeaderBytes, 1024),
      maxDelayMs: integer('max-delay-ms', LIMITS.maxDelayMs, 0, 3_600_000),
      controlPageMax: integer('control-page-max', LIMITS.controlPageMax, 1, 1_000_000),
      headersTimeoutMs: seconds('headers-timeout-seconds', LIMITS.headersTimeoutSeconds, 1),
      requestTimeoutMs: seconds('request-timeout-seconds', LIMITS.requestTimeoutSeconds, 1),
      keepAliveTimeoutMs: seconds('keep-alive-timeout-seconds', LIMITS.keepAliveTimeoutSeconds, 1),
      maxConnections: integer('max-connections', LIMITS.maxConnections, 1, 1_000_000),
      shutdownGraceMs: seconds('shutdown-grace-seconds', LIMITS.shutdownGraceSeconds, 0),
      mode,
      upstream,
      upstreamTimeoutMs: proxied(() => integer('upstream-timeout-ms', LIMITS.upstreamTimeoutMs, 1, 3_600_000), LIMITS.upstreamTimeoutMs),
      upstreamBodyLimit: proxied(() => size('upstream-body-limit-bytes', LIMITS.upstreamBodyBytes, 1), LIMITS.upstreamBodyBytes),
      rejectInvalid: proxied(() => readBoolean(setting('reject-invalid')) ?? false, false),
      driftReport: proxied(() => setting('drift-report')?.raw, undefined),
      driftMaxGroups: proxied(() => integer('drift-max-groups', LIMITS.driftGroups, 1, 100_000), LIMITS.driftGroups),
      record: proxied(() => setting('record')?.raw, undefined),
      recordRaw: proxied(() => readBoolean(setting('record-raw')) ?? false, false),
      store: storeOf(setting('store')),
      cursorSecret: secretOf(setting('cursor-secret')),
      stateFile: setting('state-file')?.raw,
      sessionBytes: size('session-bytes', LIMITS.sessionBytes, 0),
      storeTimeoutMs: seconds('store-timeout-seconds', LIMITS.storeTimeoutSeconds, 1),
    },
  };
}

/** `--open-control` alone means true: give it that value, so it parses like `--open-control=true`. */
function withBooleanValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  argv.forEach((token, i) => {
    out.push(token);
    const next = argv[i + 1];
    if (token.startsWith('--') && BOOLEAN_FLAGS.has(token.slice(2)) && (next === undefined || next.startsWith('-'))) out.push('true');
  });
  return out;
}
