import { accessFields, accessHead, accessLine, type AccessEntry } from './access-line.js';
import { formatJson, formatPretty, type LogRecord } from './log-format.js';

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
  flush(): void;
}

/** Where log lines go: stdout in batches (src/server), a function of the caller's, the console. */
export interface LogSink {
  write(line: string): void;
  /** A person is reading (pretty lines for `auto`). */
  readonly terminal: boolean;
  readonly colours: boolean;
  flush?(): void;
}

/**
 * The access log and everything else the mock reports, as JSON lines or readable ones; credentials
 * are never written. `request` builds its line without a fields object (access-line): it runs on
 * every request at the default level.
 */
export function createLogger(level: LogLevel, write: LogSink | ((line: string) => void), format: LogFormat = 'auto'): Logger {
  const out: LogSink = typeof write === 'function' ? { write, terminal: false, colours: false } : write;
  const rank = LOG_LEVELS.indexOf(level);
  const pretty = format === 'pretty' || (format === 'auto' && out.terminal);
  const colours = pretty && out.colours;
  // The last line's ISO time (and access line head), reused while the clock stays on that millisecond.
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
      if (pretty) return out.write(formatPretty(record, colours));
      clock(now);
      out.write(formatJson(record, lastIso));
    };
  };
  const logsRequests = LOG_LEVELS.indexOf('info') <= rank;
  const request = (entry: AccessEntry) => {
    if (!logsRequests) return;
    const now = Date.now();
    if (pretty) return out.write(formatPretty({ time: now, level: 'info', message: 'request', fields: accessFields(entry) }, colours));
    clock(now);
    out.write(accessLine(lastHead, entry));
  };
  return {
    level,
    error: emit('error'),
    warn: emit('warn'),
    info: emit('info'),
    debug: emit('debug'),
    request,
    logsRequests,
    flush: () => out.flush?.(),
  };
}
