import { describe, expect, it } from 'vitest';
import { CliError, parseCli } from '../../src/config/parse-cli.js';

const defaults = { specs: '/pkg/specs', fixtures: '/pkg/fixtures' };

describe('--store, --session-bytes and --store-timeout-seconds', () => {
  it('default to the memory store, 256 KiB per session and 2 s per store command', () => {
    expect(parseCli([], {}, defaults)).toMatchObject({ options: { store: 'memory', sessionBytes: 256 * 1024, storeTimeoutMs: 2000, cursorSecret: undefined, stateFile: undefined } });
  });
  it('read the flag, else the variable; the flag wins', () => {
    expect(parseCli(['--store', 'redis://127.0.0.1:6379/2'], {}, defaults)).toMatchObject({ options: { store: 'redis://127.0.0.1:6379/2' } });
    expect(parseCli([], { WHOP_MOCK_STORE: 'rediss://cache.internal:6380/0' }, defaults)).toMatchObject({ options: { store: 'rediss://cache.internal:6380/0' } });
    expect(parseCli(['--store', 'memory'], { WHOP_MOCK_STORE: 'redis://elsewhere:6379/0' }, defaults)).toMatchObject({ options: { store: 'memory' } });
    expect(parseCli([], { WHOP_MOCK_SESSION_BYTES: '1MiB', WHOP_MOCK_STORE_TIMEOUT_SECONDS: '5' }, defaults)).toMatchObject({ options: { sessionBytes: 1024 * 1024, storeTimeoutMs: 5000 } });
  });
  it('a store that is neither memory nor a redis URL names where it came from', () => {
    expect(() => parseCli(['--store', 'postgres://db/x'], {}, defaults)).toThrow(new CliError('--store must be memory or redis://host:port/db, got "postgres://db/x"'));
    expect(() => parseCli([], { WHOP_MOCK_STORE: 'redis' }, defaults)).toThrow(new CliError('WHOP_MOCK_STORE must be memory or redis://host:port/db, got "redis"'));
  });
});
