import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ResolvedOptions } from './mock-server-options.js';
import { CliError, readSetting, type Raw } from './setting-readers.js';
import { SETTINGS, type Setting } from './settings.js';

/** What the command line asks createMockServer for; `watch` undefined: the CLI decides (on at a terminal). */
export type CliOptions = Omit<ResolvedOptions, 'watch' | 'log' | 'loadPrism'> & { watch: boolean | undefined };

export type CliCommand = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'version' };

export { CliError };

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
