import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LOG_LEVELS, type LogLevel } from '../http/logger.js';
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
  ['log-level', 'WHOP_MOCK_LOG_LEVEL', 'info', `${LOG_LEVELS.join(' | ')}; info logs one JSON line per request.`],
  ['generate-users', 'WHOP_MOCK_GENERATE_USERS', '0', 'Add this many faker-generated users to the fixtures.'],
  ['seed', 'WHOP_MOCK_SEED', '1', 'Seed for --generate-users (same seed, same users).'],
  ['journal-limit', 'WHOP_MOCK_JOURNAL_LIMIT', '200', 'Requests kept in each session\'s journal (0 turns it off).'],
  ['max-sessions', 'WHOP_MOCK_MAX_SESSIONS', '1000', 'Most X-Mock-Session sessions kept; the least recently used is evicted.'],
  ['session-idle-seconds', 'WHOP_MOCK_SESSION_IDLE_SECONDS', '3600', 'A session idle this long is evicted (starts fresh when used again).'],
  ['admin-token', 'WHOP_MOCK_ADMIN_TOKEN', '(none)', 'When set, /__mock endpoints need "Authorization: Bearer <it>".'],
  ['open-control', 'WHOP_MOCK_OPEN_CONTROL', 'false', 'Without an admin token, let non-loopback clients use /__mock.'],
  ['cors-origins', 'WHOP_MOCK_CORS_ORIGINS', '*', 'Comma-separated allowed browser origins, or * for any.'],
] as const;

export class CliError extends Error {}

/** Pure: argv and env in, a command out (or a CliError with a one-line message). */
export function parseCli(argv: string[], env: Record<string, string | undefined>, defaults: { specs: string; fixtures: string }): CliCommand {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  };
  for (const [flag] of CLI_FLAGS) options[flag] = { type: flag === 'open-control' ? 'boolean' : 'string' };
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options }));
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0]);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const pick = (flag: (typeof CLI_FLAGS)[number][0]): string | undefined => {
    const entry = CLI_FLAGS.find(([name]) => name === flag);
    const value = values[flag];
    return typeof value === 'string' ? value : value === true ? 'true' : entry ? env[entry[1]] : undefined;
  };
  return {
    kind: 'run',
    options: {
      port: integer('port', pick('port') ?? '4010', 0, 65535),
      host: pick('host') ?? '127.0.0.1',
      specs: pick('specs') ?? defaults.specs,
      fixtures: pick('fixtures') ?? defaults.fixtures,
      validateResponses: oneOf('validate-responses', pick('validate-responses') ?? 'strict', ['strict', 'warn', 'off'] as const),
      versionDates: oneOf('version-dates', pick('version-dates') ?? 'exact', VERSION_DATE_MODES),
      logLevel: oneOf('log-level', pick('log-level') ?? 'info', LOG_LEVELS),
      generateUsers: integer('generate-users', pick('generate-users') ?? '0', 0, 1_000_000),
      seed: integer('seed', pick('seed') ?? '1', 0, 2 ** 31 - 1),
      maxSessions: integer('max-sessions', pick('max-sessions') ?? '1000', 1, 1_000_000),
      journalLimit: integer('journal-limit', pick('journal-limit') ?? '200', 0, 100_000),
      sessionIdleSeconds: integer('session-idle-seconds', pick('session-idle-seconds') ?? '3600', 1, 31_536_000),
      adminToken: pick('admin-token') || undefined,
      openControl: oneOf('open-control', pick('open-control') ?? 'false', ['true', 'false'] as const) === 'true',
      corsOrigins: pick('cors-origins') ?? '*',
    },
  };
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new CliError(`--${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) throw new CliError(`--${flag} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}
