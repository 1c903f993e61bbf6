export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  level: LogLevel;
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

/** JSON lines, one per event; the access log is `info`. Quiet (`silent`) unless asked. */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const emit = (at: LogLevel) => (message: string, fields: Record<string, unknown> = {}) => {
    if (LOG_LEVELS.indexOf(at) > rank || rank === 0) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, msg: message, ...fields }));
  };
  return { level, error: emit('error'), warn: emit('warn'), info: emit('info'), debug: emit('debug') };
}
