import { defaultOf, SETTINGS } from '../config/settings.js';
import { LOOPBACK_ORIGINS } from '../core/cors.js';
import type { MockServerOptions } from '../config/mock-server-options.js';
import type { LogLevel } from '../logging/logger.js';
import type { VersionDateMode } from '../openapi/version-date-mode.js';
import type { ResponseMode } from '../validation/check-response.js';
import type { FixtureValues } from './browser-bundle.js';

/** The limits a browser mock takes, each with the default and bounds of src/config/settings.ts. */
const LIMITS = [
  'maxSessions', 'idleSessionMs', 'sessionBytes', 'maxFaultRules', 'journalLimit', 'journalSessionBytes', 'journalTotalBytes',
  'journalBodyBytes', 'bodyLimit', 'maxJsonDepth', 'maxDelayMs', 'controlPageMax',
] as const;

type Limit = (typeof LIMITS)[number];

/** What whop-mock/browser's createMock() takes: createMock()'s options that mean something in a page. */
export type BrowserMockOptions = Pick<MockServerOptions, Limit | 'validateResponses' | 'versionDates' | 'logLevel' | 'cursorSecret'> & {
  /** The starting world (replaces the bundled fixtures whole; see bundledFixtures()). Default: the bundled fixtures. */
  readonly fixtures?: FixtureValues;
  /** Where log lines go (JSON lines); default the console. */
  readonly log?: (line: string) => void;
};

/** Fills in the defaults (the core's options); a limit out of its bounds throws, naming the option, as createMock() does. */
export function browserOptions(input: BrowserMockOptions) {
  const limits = {} as Record<Limit, number>;
  for (const option of LIMITS) {
    const read = SETTINGS.find((setting) => setting.option === option)?.read;
    const value = input[option] ?? defaultOf(option);
    const min = read?.kind === 'integer' ? read.min * (read.scale ?? 1) : read?.kind === 'size' ? read.min : 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new Error(`${option} must be a whole number, ${min} or more, got ${String(value)}`);
    limits[option] = value;
  }
  return {
    ...limits,
    validateResponses: input.validateResponses ?? (defaultOf('validateResponses') as ResponseMode),
    versionDates: input.versionDates ?? (defaultOf('versionDates') as VersionDateMode),
    logLevel: input.logLevel ?? (defaultOf('logLevel') as LogLevel),
    log: input.log ?? ((line) => console.log(line)),
    cursorSecret: input.cursorSecret,
    // What a page cannot set: a server's defaults.
    corsOrigins: '*',
    controlOrigins: LOOPBACK_ORIGINS,
    openControl: false,
    controlHosts: [],
    maxAdminFailures: defaultOf('maxAdminFailures') as number,
  };
}
