import { isSecretName } from '../kernel/secret-name.js';

export interface LogRecord {
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly level: 'error' | 'warn' | 'info' | 'debug';
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

const REDACTED = '[redacted]';

/**
 * `{"time","level","msg",...fields}`, one object per line. Built without copying the fields: their
 * JSON follows the three leading keys (a field named like one comes second; JSON readers keep the
 * last). `isoTime`: the logger reuses one per millisecond.
 */
export function formatJson({ time, level, message, fields }: LogRecord, isoTime = new Date(time).toISOString()): string {
  const rest = JSON.stringify(redact(fields));
  const head = `{"time":"${isoTime}","level":"${level}","msg":${JSON.stringify(message)}`;
  return rest === '{}' ? `${head}}` : `${head},${rest.slice(1)}`;
}

const COLOUR = { dim: '2', red: '31', green: '32', yellow: '33', magenta: '35', cyan: '36' } as const;
type Colour = keyof typeof COLOUR;

/**
 * One readable line. A request: `14:03:07.123 GET /users/me 200 2026-06-09 1.2 ms`, then its error
 * code or contract violation; anything else: time, level, message and `key=value` fields.
 */
export function formatPretty({ time, level, message, fields }: LogRecord, colours: boolean): string {
  const paint = (colour: Colour, text: string) => (colours ? `\u001b[${COLOUR[colour]}m${text}\u001b[0m` : text);
  const clock = paint('dim', clockOf(new Date(time)));
  const safe = redact(fields);
  if (message === 'request' && typeof safe.method === 'string' && typeof safe.path === 'string') {
    const { method, path, status, version, duration_ms: duration, operation: _operation, code, violation, ...rest } = safe;
    const parts = [clock, method.padEnd(6), path, paint(statusColour(status), String(status)), paint('dim', typeof version === 'string' ? version : '-')];
    if (typeof duration === 'number') parts.push(paint('dim', `${duration.toFixed(1)} ms`));
    // What went wrong, when something did: the envelope's code, the contract violation.
    const problems = [typeof code === 'string' ? code : '', typeof violation === 'string' ? `violation ${violation}` : ''].filter((p) => p !== '');
    const extra = [...problems, ...Object.entries(rest).map(([key, value]) => `${key}=${text(value)}`)].join(' ');
    return extra === '' ? parts.join(' ') : `${parts.join(' ')} ${paint(statusColour(status), extra)}`;
  }
  const tag = paint(level === 'error' ? 'red' : level === 'warn' ? 'yellow' : 'dim', level.toUpperCase().padEnd(5));
  const extra = Object.entries(safe).map(([key, value]) => `${key}=${text(value)}`);
  return [clock, tag, message, ...extra].join(' ');
}

function statusColour(status: unknown): Colour {
  return typeof status !== 'number' ? 'magenta' : status >= 500 ? 'red' : status >= 400 ? 'yellow' : status >= 300 ? 'cyan' : 'green';
}

function clockOf(time: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}.${String(time.getMilliseconds()).padStart(3, '0')}`;
}

function text(value: unknown): string {
  // Quoted (JSON escapes) when it has spaces, quotes or control characters: a value from data never breaks the line.
  if (typeof value === 'string') return /[\s"=\x00-\x1f\x7f]/.test(value) ? JSON.stringify(value) : value;
  return value === undefined ? '' : JSON.stringify(value);
}

/** The fields with every secret-named one (kernel/secret-name.ts) replaced, three levels down. */
export function redact(fields: Readonly<Record<string, unknown>>, depth = 3): Readonly<Record<string, unknown>> {
  let copy: Record<string, unknown> | undefined;
  for (const key in fields) {
    const value = fields[key];
    let replaced: unknown = value;
    if (isSecretName(key)) replaced = REDACTED;
    else if (depth > 1 && typeof value === 'object' && value !== null && !Array.isArray(value)) replaced = redact(value as Record<string, unknown>, depth - 1);
    if (replaced !== value) (copy ??= { ...fields })[key] = replaced;
  }
  return copy ?? fields;
}
