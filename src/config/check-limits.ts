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
  ['upstreamTimeoutMs', 1],
  ['upstreamBodyLimit', 1],
  ['driftMaxGroups', 1],
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
  if (options.mode === 'proxy') checkUpstream(options.upstream);
  else if (options.upstream !== undefined || options.record !== undefined || options.driftReport !== undefined) {
    throw new Error(`upstream, record and driftReport need mode: 'proxy'`);
  }
  return options;
}

/** Proxy mode needs an absolute http(s) URL to forward to. */
function checkUpstream(upstream: string | undefined): void {
  let url: URL | undefined;
  try {
    url = upstream === undefined ? undefined : new URL(upstream);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`mode 'proxy' needs upstream: an http(s) URL such as https://api.whop.com/api/v1, got ${JSON.stringify(upstream)}`);
  }
}
