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
  /** Writes out lines still held in the batch (stdout only; a `write` function gets each line at once). */
  flush?(): void;
  /** Flushes and stops watching for process exit. */
  close?(): void;
}

/**
 * The access log (`info`, one line per request) and everything else the server reports. Quiet
 * (`silent`) unless asked. Lines go to `write` as they come, or else to stdout in batches: one
 * write per turn of the event loop instead of one per request, flushed on close and at exit
 * (a synchronous write per line cost 40% of a GET's throughput). JSON lines, or with `pretty`
 * one readable line per request (coloured on a terminal). Credentials are never written.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void, format: LogFormat = 'auto'): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  if (rank <= 0) {
    const quiet = () => undefined;
    return { level, error: quiet, warn: quiet, info: quiet, debug: quiet, flush: quiet, close: quiet };
  }
  const batch = write === undefined ? stdoutBatch() : undefined;
  const sink = write ?? ((line: string) => batch?.write(line));
  const pretty = format === 'pretty' || (format === 'auto' && batch !== undefined && process.stdout.isTTY === true);
  const colours = pretty && batch !== undefined && process.stdout.isTTY === true && process.stdout.hasColors?.() === true;
  // The ISO time of the last line, reused while the clock stays on the same millisecond.
  let lastMs = -1;
  let lastIso = '';
  const emit = (at: Exclude<LogLevel, 'silent'>) => {
    if (LOG_LEVELS.indexOf(at) > rank) return () => undefined;
    return (message: string, fields: Record<string, unknown> = {}) => {
      const now = Date.now();
      const record: LogRecord = { time: now, level: at, message, fields };
      if (pretty) return sink(formatPretty(record, colours));
      if (now !== lastMs) {
        lastMs = now;
        lastIso = new Date(now).toISOString();
      }
      sink(formatJson(record, lastIso));
    };
  };
  return {
    level,
    error: emit('error'),
    warn: emit('warn'),
    info: emit('info'),
    debug: emit('debug'),
    flush: () => batch?.flush(),
    close: () => batch?.close(),
  };
}
