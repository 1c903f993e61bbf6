import { describe, expect, it } from 'vitest';
import { CliError, parseCli } from '../../src/config/parse-cli.js';

const defaults = { specs: '/pkg/specs', fixtures: '/pkg/fixtures' };

describe('--log-format and --cache-dir', () => {
  it('default to auto and to the default cache folder (undefined)', () => {
    expect(parseCli([], {}, defaults)).toMatchObject({ options: { logFormat: 'auto', cacheDir: undefined } });
  });
  it('read the flag, else the variable; the flag wins', () => {
    expect(parseCli(['--log-format', 'pretty'], {}, defaults)).toMatchObject({ options: { logFormat: 'pretty' } });
    expect(parseCli([], { WHOP_MOCK_LOG_FORMAT: 'json' }, defaults)).toMatchObject({ options: { logFormat: 'json' } });
    expect(parseCli(['--log-format', 'json'], { WHOP_MOCK_LOG_FORMAT: 'pretty' }, defaults)).toMatchObject({ options: { logFormat: 'json' } });
    expect(parseCli(['--cache-dir', '/tmp/c'], {}, defaults)).toMatchObject({ options: { cacheDir: '/tmp/c' } });
    expect(parseCli([], { WHOP_MOCK_CACHE_DIR: '/tmp/d' }, defaults)).toMatchObject({ options: { cacheDir: '/tmp/d' } });
  });
  it('--cache-dir off (any case) turns the cache off', () => {
    expect(parseCli(['--cache-dir', 'off'], {}, defaults)).toMatchObject({ options: { cacheDir: false } });
    expect(parseCli([], { WHOP_MOCK_CACHE_DIR: 'OFF' }, defaults)).toMatchObject({ options: { cacheDir: false } });
  });
  it('a bad format names where it came from', () => {
    expect(() => parseCli(['--log-format', 'xml'], {}, defaults)).toThrow(new CliError('--log-format must be one of auto, json, pretty, got "xml"'));
    expect(() => parseCli([], { WHOP_MOCK_LOG_FORMAT: 'xml' }, defaults)).toThrow(new CliError('WHOP_MOCK_LOG_FORMAT must be one of auto, json, pretty, got "xml"'));
  });
});
