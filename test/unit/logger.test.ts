import { describe, expect, it } from 'vitest';
import { formatJson, formatPretty } from '../../src/logging/log-format.js';
import { createLogger } from '../../src/logging/logger.js';

const time = new Date(2026, 5, 9, 14, 3, 7, 123).getTime();
const request = { method: 'GET', path: '/users/me', status: 200, version: '2026-06-09', operation: 'retrieveUser', duration_ms: 1.234 };

describe('log lines', () => {
  it('JSON: time, level, msg and the fields, one object per line', () => {
    const line = formatJson({ time, level: 'info', message: 'request', fields: request });
    expect(JSON.parse(line)).toEqual({ time: new Date(time).toISOString(), level: 'info', msg: 'request', ...request });
    expect(Object.keys(JSON.parse(line))).toEqual(['time', 'level', 'msg', ...Object.keys(request)]);
    expect(JSON.parse(formatJson({ time, level: 'warn', message: 'no fields', fields: {} }))).toEqual({ time: new Date(time).toISOString(), level: 'warn', msg: 'no fields' });
    expect(line).not.toContain('\n');
  });

  it('pretty: one readable line per request (time, method, path, status, version, duration)', () => {
    expect(formatPretty({ time, level: 'info', message: 'request', fields: request }, false)).toBe('14:03:07.123 GET    /users/me 200 2026-06-09 1.2 ms');
  });

  it('pretty: the error code and the contract violation when there is one; "-" for no version', () => {
    const line = formatPretty({ time, level: 'info', message: 'request', fields: { ...request, status: 400, version: null, code: 'invalid_api_version' } }, false);
    expect(line).toBe('14:03:07.123 GET    /users/me 400 - 1.2 ms invalid_api_version');
    const violated = formatPretty({ time, level: 'info', message: 'request', fields: { ...request, status: 500, violation: '/name type: must be string' } }, false);
    expect(violated).toBe('14:03:07.123 GET    /users/me 500 2026-06-09 1.2 ms violation /name type: must be string');
  });

  it('pretty: status coloured by class, time and version dimmed, only when asked', () => {
    const colour = (status: number) => formatPretty({ time, level: 'info', message: 'request', fields: { ...request, status } }, true);
    expect(colour(200)).toContain('\u001b[32m200\u001b[0m');
    expect(colour(404)).toContain('\u001b[33m404\u001b[0m');
    expect(colour(500)).toContain('\u001b[31m500\u001b[0m');
    expect(colour(200)).toContain('\u001b[2m14:03:07.123\u001b[0m');
    expect(formatPretty({ time, level: 'info', message: 'request', fields: request }, false)).not.toContain('\u001b[');
  });

  it('pretty: other events as time, level, message and key=value fields', () => {
    const line = formatPretty({ time, level: 'warn', message: 'response violates the spec', fields: { path: '/users/me', rule: 'type: must be string' } }, false);
    expect(line).toBe('14:03:07.123 WARN  response violates the spec path=/users/me rule="type: must be string"');
  });

  it('never writes credentials, in any format, at any depth', () => {
    const fields = { authorization: 'Bearer tok_secret_1', headers: { Authorization: 'Bearer tok_secret_2', cookie: 'sid=tok_secret_3', accept: 'x' } };
    for (const line of [formatJson({ time, level: 'info', message: 'm', fields }), formatPretty({ time, level: 'info', message: 'm', fields }, false)]) {
      expect(line).not.toContain('tok_secret');
      expect(line).toContain('[redacted]');
      expect(line).toContain('accept');
    }
  });
});

describe('createLogger', () => {
  it('writes each line to the given sink, JSON by default (auto: not a terminal)', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    logger.info('request', request);
    logger.debug('hidden', {});
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', msg: 'request', status: 200 });
  });

  it('pretty on request, without colours for a sink that is not a terminal', () => {
    const lines: string[] = [];
    createLogger('info', (line) => lines.push(line), 'pretty').info('request', request);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} GET {4}\/users\/me 200 2026-06-09 1\.2 ms$/);
  });

  it('levels: silent writes nothing; warn keeps error and warn only', () => {
    const lines: string[] = [];
    const silent = createLogger('silent', (line) => lines.push(line));
    silent.error('x');
    const warn = createLogger('warn', (line) => lines.push(line));
    warn.info('no');
    warn.warn('yes');
    warn.error('yes');
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['warn', 'error']);
    expect(warn.level).toBe('warn');
  });
});
