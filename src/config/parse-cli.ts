import { parseArgs, type ParseArgsConfig } from 'node:util';
import { shownUrl } from '../kernel/shown-url.js';
import { isHttpUrl, type ResolvedOptions } from './mock-server-options.js';
import { SETTINGS, type Read, type Setting } from './settings.js';

/** What the command line asks createMockServer for; `watch` undefined: the CLI decides (on at a terminal). */
export type CliOptions = Omit<ResolvedOptions, 'watch' | 'log' | 'loadPrism'> & { watch: boolean | undefined };

export type CliCommand = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'version' };

/**
 * Pure: argv and env in, a command out (or a one-line CliError naming the flag or variable). Flags
 * win; an empty variable is unset; proxy settings are read by `whop-mock proxy` only, so a
 * WHOP_MOCK_UPSTREAM exported for one does not change the other.
 */
export function parseCli(argv: string[], env: Record<string, string | undefined>, defaults: { specs: string; fixtures: string }): CliCommand {
  const flags: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } };
  for (const setting of SETTINGS) flags[setting.flag] = { type: 'string' };
  // `whop-mock proxy [flags]`: the one subcommand, always first.
  const mode = argv[0] === 'proxy' ? 'proxy' : 'mock';
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: withBooleanValues(mode === 'proxy' ? argv.slice(1) : argv), strict: true, allowPositionals: false, options: flags }));
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0]);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const proxyOnly = SETTINGS.find((setting) => setting.proxy && values[setting.flag] !== undefined);
  if (mode === 'mock' && proxyOnly !== undefined) throw new CliError(`--${proxyOnly.flag} is a flag of "whop-mock proxy"`);
  const options: Record<string, unknown> = { mode, specs: defaults.specs, fixtures: defaults.fixtures };
  for (const setting of SETTINGS) {
    const value = setting.proxy && mode !== 'proxy' ? undefined : readSetting(setting.read, rawOf(setting, values, env));
    if (value !== undefined) options[setting.option] = value;
    else if (!(setting.option in options)) options[setting.option] = 'cli' in setting ? setting.cli : setting.default;
  }
  return { kind: 'run', options: options as unknown as CliOptions };
}

function rawOf(setting: Setting, values: Record<string, unknown>, env: Record<string, string | undefined>): Raw | undefined {
  const flag = values[setting.flag];
  if (typeof flag === 'string') return { raw: flag, from: `--${setting.flag}` };
  const raw = env[setting.env];
  return raw === undefined || raw === '' ? undefined : { raw, from: setting.env };
}

/** `--open-control` alone means true: give it that value, so it parses like `--open-control=true`. */
function withBooleanValues(argv: readonly string[]): string[] {
  const booleans = new Set(SETTINGS.filter((setting) => setting.read.kind === 'boolean').map((setting) => setting.flag));
  return argv.flatMap((token, i) => {
    const next = argv[i + 1];
    const bare = token.startsWith('--') && booleans.has(token.slice(2)) && (next === undefined || next.startsWith('-'));
    return bare ? [token, 'true'] : [token];
  });
}

/** A CLI flag or environment variable the user set wrong: one line, no stack. */
export class CliError extends Error {}

/** A raw value and where it came from (`--port` or `PORT`), so an error names what the user set. */
interface Raw {
  readonly raw: string;
  readonly from: string;
}

const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];
const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** A setting's value as its table entry reads it (undefined when it was not set); throws a CliError naming where it came from. */
function readSetting(read: Read, setting: Raw | undefined): unknown {
  if (setting === undefined) {
    if (read.kind === 'upstream') throw new CliError('whop-mock proxy needs --upstream <url> (or WHOP_MOCK_UPSTREAM), e.g. --upstream https://api.whop.com/api/v1');
    return undefined;
  }
  const { raw, from } = setting;
  switch (read.kind) {
    case 'integer': {
      const value = Number(raw);
      if (!/^\d+$/.test(raw.trim()) || value < read.min || value > read.max) throw new CliError(`${from} must be a whole number from ${read.min} to ${read.max}, got "${raw}"`);
      return value * (read.scale ?? 1);
    }
    case 'size': {
      // A whole number, optionally with a unit (`64MiB`, `512k`; units are powers of 1024).
      const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(raw);
      const unit = UNITS[(match?.[2] ?? 'x').toLowerCase()];
      const value = match && unit !== undefined ? Number(match[1]) * unit : Number.NaN;
      if (!Number.isSafeInteger(value) || value < read.min) {
        throw new CliError(`${from} must be a size in bytes, ${read.min} or more (a whole number, or with KiB, MiB or GiB), got "${raw}"`);
      }
      return value;
    }
    case 'percent':
      // Decimals allowed (`80`, `62.5`).
      if (!/^\s*\d{1,3}(\.\d+)?\s*$/.test(raw) || Number(raw) > 100) throw new CliError(`${from} must be a percentage from 0 to 100, got "${raw}"`);
      return Number(raw);
    case 'oneOf':
      if (!read.values.includes(raw)) throw new CliError(`${from} must be one of ${read.values.join(', ')}, got "${raw}"`);
      return raw;
    case 'boolean': {
      const value = raw.trim().toLowerCase();
      if (TRUE.includes(value)) return true;
      if (FALSE.includes(value)) return false;
      throw new CliError(`${from} must be one of ${[...TRUE, ...FALSE].join(', ')}, got "${raw}"`);
    }
    case 'secret':
      // Short secrets make cursors forgeable by guessing.
      if (raw.length < 16) throw new CliError(`${from} must be 16 characters or more, got ${raw.length}`);
      return raw;
    case 'store': {
      // The URL's parts are checked when the store connects.
      const value = raw.trim();
      if (value === 'memory' || /^rediss?:\/\/[^\s]+$/.test(value)) return value;
      throw new CliError(`${from} must be memory or redis://host:port/db, got "${raw}"`);
    }
    case 'upstream':
      if (!isHttpUrl(raw)) throw new CliError(`${from} must be an http(s) URL, got "${shownUrl(raw)}"`);
      return raw;
    case 'cacheDir':
      // `off` turns the cache off; any other value is a folder.
      return raw.trim().toLowerCase() === 'off' ? false : raw;
    default:
      return raw;
  }
}
