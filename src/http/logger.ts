import { accessFields, accessHead, accessLine, type AccessEntry } from './access-line.js';
import { formatJson, formatPretty, type LogRecord } from './log-format.js';
import { stdoutBatch } from './stdout-batch.js';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `auto`: pretty when the log goes to a terminal, JSON lines otherwise. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface Logger {
  level: LogLevel;
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  /** The access log: one `info` line `request` with the entry's fields. */
  request(entry: AccessEntry): void;
  /** Whether `request` writes anything (below `info` the caller need not even time the request). */
  readonly logsRequests: boolean;
  /** Writes out lines still held in the batch (stdout only; a `write` function gets each line at once). */
  flush?(): void;
  /** Flushes and stops watching for process exit. */
  close?(): void;
}

/**
 * The access log (`info`, one line per request) and everything else the server reports. Quiet
 * (`silent`) unless asked. Lines go to `write` as they come, or else to stdout in batches (see
 * stdout-batch), flushed on close and at exit (a synchronous write per line cost 40% of a GET's
 * throughput). JSON lines, or with `pretty` one readable line per request (coloured on a
 * terminal). Credentials are never written. The access line has its own entry point, `request`,
 * built without a fields object (access-line): it runs on every request at the default level.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void, format: LogFormat = 'auto'): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  if (rank <= 0) {
    const quiet = () => undefined;
    return { level, error: quiet, warn: quiet, info: quiet, debug: quiet, request: quiet, logsRequests: false, flush: quiet, close: quiet };
  }
  const batch = write === undefined ? stdoutBatch() : undefined;
  const sink = write ?? ((line: string) => batch?.write(line));
  const pretty = format === 'pretty' || (format === 'auto' && batch !== undefined && process.stdout.isTTY === true);
  const colours = pretty && batch !== undefined && process.stdout.isTTY === true && process.stdout.hasColors?.() === true;
  // The ISO time of the last line (and the access line's start), reused while the clock stays
  // on the same millisecond.
  let lastMs = -1;
  let lastIso = '';
  let lastHead = '';
  const clock = (now: number) => {
    if (now === lastMs) return;
    lastMs = now;
    lastIso = new Date(now).toISOString();
    lastHead = accessHead(lastIso);
  };
  const emit = (at: Exclude<LogLevel, 'silent'>) => {
    if (LOG_LEVELS.indexOf(at) > rank) return () => undefined;
    return (message: string, fields: Record<string, unknown> = {}) => {
      const now = Date.now();
      const record: LogRecord = { time: now, level: at, message, fields };
      if (pretty) return sink(formatPretty(record, colours));
      clock(now);
      sink(formatJson(record, lastIso));
    };
  };
  const logsRequests = LOG_LEVELS.indexOf('info') <= rank;
  const request = (entry: AccessEntry) => {
    if (!logsRequests) return;
    const now = Date.now();
    if (pretty) return sink(formatPretty({ time: now, level: 'info', message: 'request', fields: accessFields(entry) }, colours));
    clock(now);
    sink(accessLine(lastHead, entry));
  };
  return {
    level,
    error: emit('error'),
    warn: emit('warn'),
    info: emit('info'),
    debug: emit('debug'),
    request,
    logsRequests,
    flush: () => batch?.flush(),
    close: () => batch?.close(),
  };
}
