import { describe, expect, it } from 'vitest';
import { accessFields, accessHead, accessLine, type AccessEntry } from '../../src/logging/access-line.js';
import { formatJson } from '../../src/logging/log-format.js';
import { createLogger } from '../../src/logging/logger.js';

const iso = '2026-06-09T14:03:07.123Z';
const ok: AccessEntry = { method: 'GET', path: '/users/user_alex123', status: 200, version: '2026-06-09', operation: 'retrieveUser', durationMs: 1.2345678 };

// The access line is built by hand for speed; it must be the very text the generic formatter
// writes for the same fields, whatever the entry holds.
const entries: Array<[string, AccessEntry]> = [
  ['a plain 200', ok],
  ['a whole number of milliseconds', { ...ok, durationMs: 3 }],
  ['under a microsecond', { ...ok, durationMs: 0.0004 }],
  ['trailing zeros in the fraction', { ...ok, durationMs: 0.12 }],
  ['a long delay', { ...ok, durationMs: 30_000.0005 }],
  ['an error code', { ...ok, status: 404, code: 'resource_not_found' }],
  ['no version or operation', { ...ok, status: 400, version: null, operation: null, code: 'invalid_api_version' }],
  ['a contract violation', { ...ok, status: 500, code: 'internal_error', violation: '/name type: must be string' }],
  ['a dropped connection', { ...ok, status: 'dropped' }],
  ['a path to escape', { ...ok, path: '/users/a"b\\c\u0001', status: 404, code: 'resource_not_found' }],
  ['non-ASCII and a lone surrogate', { ...ok, path: '/users/żółw\ud800', status: 404 }],
  ['a code to escape', { ...ok, status: 400, code: 'bad"code' }],
];

describe('the access line', () => {
  it.each(entries)('is formatJson of its fields: %s', (_name, entry) => {
    const line = accessLine(accessHead(iso), entry);
    expect(line).toBe(formatJson({ time: Date.parse(iso), level: 'info', message: 'request', fields: accessFields(entry) }, iso));
    expect(Object.keys(JSON.parse(line))).toEqual(['time', 'level', 'msg', ...Object.keys(accessFields(entry))]);
  });

  it('keeps the fields users read: duration to the microsecond, the code only when there is one', () => {
    expect(JSON.parse(accessLine(accessHead(iso), ok))).toEqual({ time: iso, level: 'info', msg: 'request', method: 'GET', path: '/users/user_alex123', status: 200, version: '2026-06-09', operation: 'retrieveUser', duration_ms: 1.235 });
    expect(JSON.parse(accessLine(accessHead(iso), { ...ok, status: 404, code: 'resource_not_found' }))).toMatchObject({ status: 404, code: 'resource_not_found' });
  });
});

describe('logger.request', () => {
  it('writes the access line as JSON, or as the readable line with pretty', () => {
    const lines: string[] = [];
    createLogger('info', (line) => lines.push(line)).request(ok);
    createLogger('info', (line) => lines.push(line), 'pretty').request({ ...ok, status: 404, code: 'resource_not_found' });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', msg: 'request', path: '/users/user_alex123', status: 200, duration_ms: 1.235 });
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} GET {4}\/users\/user_alex123 404 2026-06-09 1\.2 ms resource_not_found$/);
  });

  it('writes nothing below info, and says so (the server then does not time requests)', () => {
    const lines: string[] = [];
    for (const level of ['silent', 'error', 'warn'] as const) {
      const logger = createLogger(level, (line) => lines.push(line));
      logger.request(ok);
      expect(logger.logsRequests).toBe(false);
    }
    expect(lines).toEqual([]);
    expect(createLogger('info', () => undefined).logsRequests).toBe(true);
    expect(createLogger('debug', () => undefined).logsRequests).toBe(true);
  });
});
