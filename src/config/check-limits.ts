import { shownUrl } from '../kernel/shown-url.js';
import type { ResolvedOptions } from './mock-server-options.js';
import { isHttpUrl } from './setting-readers.js';
import { SETTINGS } from './settings.js';

/** Fails at start, naming the option, when a limit cannot work; returns the options unchanged. */
export function checkLimits(options: ResolvedOptions): ResolvedOptions {
  const given = options as unknown as Record<string, unknown>;
  for (const { option, read } of SETTINGS) {
    if (read.kind !== 'integer' && read.kind !== 'size') continue;
    // In the option's own unit: a timeout in ms may be shorter than the CLI's smallest whole second (tests use that).
    const value = given[option];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < read.min) throw new Error(`${option} must be a whole number, ${read.min} or more, got ${String(value)}`);
  }
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
