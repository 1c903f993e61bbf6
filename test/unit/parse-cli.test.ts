import { describe, expect, it } from 'vitest';
import { CliError, parseCli } from '../../src/config/parse-cli.js';

const defaults = { specs: '/pkg/specs', fixtures: '/pkg/fixtures' };

describe('parseCli', () => {
  it('has sensible defaults', () => {
    const command = parseCli([], {}, defaults);
    expect(command).toMatchObject({ kind: 'run', options: { port: 4010, host: '127.0.0.1', specs: '/pkg/specs', validateResponses: 'strict', versionDates: 'exact', logLevel: 'info', generateUsers: 0 } });
  });
  it('reads flags, and env when a flag is absent; flags win', () => {
    const command = parseCli(['--port', '5000', '--validate-responses', 'warn'], { PORT: '6000', HOST: '0.0.0.0', WHOP_MOCK_LOG_LEVEL: 'silent' }, defaults);
    expect(command).toMatchObject({ kind: 'run', options: { port: 5000, host: '0.0.0.0', validateResponses: 'warn', logLevel: 'silent' } });
  });
  it('--version-dates / WHOP_MOCK_VERSION_DATES chooses what an unlisted Api-Version-Date gets', () => {
    expect(parseCli(['--version-dates', 'nearest'], {}, defaults)).toMatchObject({ options: { versionDates: 'nearest' } });
    expect(parseCli([], { WHOP_MOCK_VERSION_DATES: 'nearest' }, defaults)).toMatchObject({ options: { versionDates: 'nearest' } });
    expect(parseCli(['--version-dates', 'exact'], { WHOP_MOCK_VERSION_DATES: 'nearest' }, defaults)).toMatchObject({ options: { versionDates: 'exact' } });
  });
  it.each([
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, got "abc"'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--validate-responses', 'loud'], '--validate-responses must be one of strict, warn, off'],
    [['--version-dates', 'closest'], '--version-dates must be one of exact, nearest'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], 'Unexpected argument'],
  ])('rejects %j with a one-line message', (argv, message) => {
    expect(() => parseCli(argv, {}, defaults)).toThrow(CliError);
    expect(() => parseCli(argv, {}, defaults)).toThrow(message);
  });
  it('recognises --help and --version', () => {
    expect(parseCli(['--help'], {}, defaults)).toEqual({ kind: 'help' });
    expect(parseCli(['-v'], {}, defaults)).toEqual({ kind: 'version' });
  });
});
