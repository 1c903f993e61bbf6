import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../http/logger.js';
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
  corsOrigins: string;
}

export type CliCommand = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'version' };

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
  ['cache-dir', 'WHOP_MOCK_CACHE_DIR', 'node_modules/.cache/whop-mock', 'Where compiled forms of your specs are kept between starts (else the OS temp folder); off for none.'],
  ['generate-users', 'WHOP_MOCK_GENERATE_USERS', '0', 'Add this many generated users (faker names, deterministic) to the fixtures.'],
  ['seed', 'WHOP_MOCK_SEED', '1', 'Seed for --generate-users (same seed, same users).'],
  ['journal-limit', 'WHOP_MOCK_JOURNAL_LIMIT', '200', 'Requests kept in each session\'s journal (0 turns it off).'],
  ['max-sessions', 'WHOP_MOCK_MAX_SESSIONS', '1000', 'Most X-Mock-Session sessions kept; the least recently used is evicted.'],
  ['session-idle-seconds', 'WHOP_MOCK_SESSION_IDLE_SECONDS', '3600', 'A session idle this long is evicted (starts fresh when used again).'],
  ['admin-token', 'WHOP_MOCK_ADMIN_TOKEN', '(none)', 'When set, /__mock endpoints need "Authorization: Bearer <it>".'],
  ['open-control', 'WHOP_MOCK_OPEN_CONTROL', 'false', 'Without an admin token, let non-loopback clients use /__mock (true | false | 1 | 0 | yes | no; the bare flag is true).'],
  ['cors-origins', 'WHOP_MOCK_CORS_ORIGINS', '*', 'Comma-separated allowed browser origins, or * for any.'],
] as const;

export class CliError extends Error {}

type Flag = (typeof CLI_FLAGS)[number][0];

/** Flags that are on or off. Alone they mean true; flag and env accept the same spellings. */
const BOOLEAN_FLAGS: ReadonlySet<string> = new Set<Flag>(['open-control']);
const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

/** A raw value and where it came from (`--port` or `PORT`), so an error names what the user set. */
interface Setting {
  readonly raw: string;
  readonly from: string;
}

/** Pure: argv and env in, a command out (or a CliError with a one-line message). */
export function parseCli(argv: string[], env: Record<string, string | undefined>, defaults: { specs: string; fixtures: string }): CliCommand {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  };
  for (const [flag] of CLI_FLAGS) options[flag] = { type: 'string' };
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: withBooleanValues(argv), strict: true, allowPositionals: false, options }));
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0]);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const setting = (flag: Flag): Setting | undefined => {
    const value = values[flag];
    if (typeof value === 'string') return { raw: value, from: `--${flag}` };
    const name = CLI_FLAGS.find(([known]) => known === flag)?.[1] ?? '';
    const raw = env[name];
    // An empty variable (`-e PORT=`) counts as unset, as most tools read it.
    return raw === undefined || raw === '' ? undefined : { raw, from: name };
  };
  const text = (flag: Flag, fallback: string) => setting(flag)?.raw ?? fallback;
  const integer = (flag: Flag, fallback: number, min: number, max: number) => readInteger(setting(flag), min, max) ?? fallback;
  const oneOf = <T extends string>(flag: Flag, fallback: T, allowed: readonly T[]) => readOneOf(setting(flag), allowed) ?? fallback;
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
      maxSessions: integer('max-sessions', 1000, 1, 1_000_000),
      journalLimit: integer('journal-limit', 200, 0, 100_000),
      sessionIdleSeconds: integer('session-idle-seconds', 3600, 1, 31_536_000),
      adminToken: setting('admin-token')?.raw,
      openControl: readBoolean(setting('open-control')) ?? false,
      corsOrigins: text('cors-origins', '*'),
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

/** `off` turns the cache off; any other value is a folder. */
function cacheDirOf(setting: Setting | undefined): string | false | undefined {
  if (setting === undefined) return undefined;
  return setting.raw.trim().toLowerCase() === 'off' ? false : setting.raw;
}

function readInteger(setting: Setting | undefined, min: number, max: number): number | undefined {
  if (setting === undefined) return undefined;
  const value = Number(setting.raw);
  if (!/^\d+$/.test(setting.raw.trim()) || value < min || value > max) {
    throw new CliError(`${setting.from} must be a whole number from ${min} to ${max}, got "${setting.raw}"`);
  }
  return value;
}

function readOneOf<T extends string>(setting: Setting | undefined, allowed: readonly T[]): T | undefined {
  if (setting === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(setting.raw)) throw new CliError(`${setting.from} must be one of ${allowed.join(', ')}, got "${setting.raw}"`);
  return setting.raw as T;
}

function readBoolean(setting: Setting | undefined): boolean | undefined {
  if (setting === undefined) return undefined;
  const value = setting.raw.trim().toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new CliError(`${setting.from} must be one of ${[...TRUE, ...FALSE].join(', ')}, got "${setting.raw}"`);
}
