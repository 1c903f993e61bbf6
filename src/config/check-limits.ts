import type { ResolvedOptions } from '../server/mock-server-options.js';

type Limit = { [K in keyof ResolvedOptions]-?: ResolvedOptions[K] extends number ? K : never }[keyof ResolvedOptions];

/** Each numeric limit and its smallest sensible value. */
const MINIMUM: ReadonlyArray<readonly [Limit, number]> = [
  ['bodyLimit', 1],
  ['bodyBufferBytes', 1],
  ['maxJsonDepth', 1],
  ['maxHeaderBytes', 1024],
  ['journalLimit', 0],
  ['journalSessionBytes', 0],
  ['journalTotalBytes', 0],
  ['journalBodyBytes', 0],
  ['controlPageMax', 1],
  ['maxDelayMs', 0],
  ['headersTimeoutMs', 1],
  ['requestTimeoutMs', 1],
  ['keepAliveTimeoutMs', 1],
  ['maxConnections', 1],
  ['shutdownGraceMs', 0],
  ['sessionBytes', 0],
  ['storeTimeoutMs', 1],
];

/** Fails at start, naming the option, when a limit cannot work; returns the options unchanged. */
export function checkLimits(options: ResolvedOptions): ResolvedOptions {
  for (const [name, min] of MINIMUM) {
    const value = options[name];
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number, ${min} or more, got ${value}`);
  }
  if (options.headersTimeoutMs > options.requestTimeoutMs) {
    throw new Error(`headersTimeoutMs (${options.headersTimeoutMs}) cannot be longer than requestTimeoutMs (${options.requestTimeoutMs}): the headers are part of the request`);
  }
  return options;
}
