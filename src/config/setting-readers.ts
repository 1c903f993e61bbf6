/**
 * One flag's value as the user set it, read and checked: each reader names the flag or variable
 * (`--port` or `PORT`) in its one-line error, so parse-cli.ts only says which reader a flag uses.
 */

/** A CLI flag or environment variable the user set wrong: one line, no stack. */
export class CliError extends Error {}

/** A raw value and where it came from (`--port` or `PORT`), so an error names what the user set. */
export interface Setting {
  readonly raw: string;
  readonly from: string;
}

const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

/** The upstream of `whop-mock proxy`: required, an absolute http(s) URL. */
export function upstreamOf(setting: Setting | undefined): string {
  if (setting === undefined) throw new CliError('whop-mock proxy needs --upstream <url> (or WHOP_MOCK_UPSTREAM), e.g. --upstream https://api.whop.com/api/v1');
  let url: URL;
  try {
    url = new URL(setting.raw);
  } catch {
    throw new CliError(`${setting.from} must be an http(s) URL, got "${setting.raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`${setting.from} must be an http(s) URL, got "${setting.raw}"`);
  return setting.raw;
}

/** `off` turns the cache off; any other value is a folder. */
export function cacheDirOf(setting: Setting | undefined): string | false | undefined {
  if (setting === undefined) return undefined;
  return setting.raw.trim().toLowerCase() === 'off' ? false : setting.raw;
}

/** `memory`, or a redis:// (rediss://) URL; the URL's parts are checked when the store connects. */
export function storeOf(setting: Setting | undefined): string {
  if (setting === undefined) return 'memory';
  const value = setting.raw.trim();
  if (value === 'memory' || /^rediss?:\/\/[^\s]+$/.test(value)) return value;
  throw new CliError(`${setting.from} must be memory or redis://host:port/db, got "${setting.raw}"`);
}

/** Short secrets make cursors forgeable by guessing. */
export function secretOf(setting: Setting | undefined): string | undefined {
  if (setting === undefined) return undefined;
  if (setting.raw.length < 16) throw new CliError(`${setting.from} must be 16 characters or more, got ${setting.raw.length}`);
  return setting.raw;
}

export function readInteger(setting: Setting | undefined, min: number, max: number): number | undefined {
  if (setting === undefined) return undefined;
  const value = Number(setting.raw);
  if (!/^\d+$/.test(setting.raw.trim()) || value < min || value > max) {
    throw new CliError(`${setting.from} must be a whole number from ${min} to ${max}, got "${setting.raw}"`);
  }
  return value;
}

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** A byte size: a whole number, optionally with a unit (`64MiB`, `512k`; units are powers of 1024). */
export function readSize(setting: Setting | undefined, min: number): number | undefined {
  if (setting === undefined) return undefined;
  const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(setting.raw);
  const unit = UNITS[(match?.[2] ?? 'x').toLowerCase()];
  const value = match && unit !== undefined ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new CliError(`${setting.from} must be a size in bytes, ${min} or more (a whole number, or with KiB, MiB or GiB), got "${setting.raw}"`);
  }
  return value;
}

export function readOneOf<T extends string>(setting: Setting | undefined, allowed: readonly T[]): T | undefined {
  if (setting === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(setting.raw)) throw new CliError(`${setting.from} must be one of ${allowed.join(', ')}, got "${setting.raw}"`);
  return setting.raw as T;
}

export function readBoolean(setting: Setting | undefined): boolean | undefined {
  if (setting === undefined) return undefined;
  const value = setting.raw.trim().toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new CliError(`${setting.from} must be one of ${[...TRUE, ...FALSE].join(', ')}, got "${setting.raw}"`);
}
