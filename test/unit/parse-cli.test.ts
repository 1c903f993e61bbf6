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
  it.each([
    [['--port', '99999'], {}, '--port must be a whole number from 0 to 65535, got "99999"'],
    [[], { PORT: '99999' }, 'PORT must be a whole number from 0 to 65535, got "99999"'],
    [[], { WHOP_MOCK_JOURNAL_LIMIT: '-1' }, 'WHOP_MOCK_JOURNAL_LIMIT must be a whole number from 0 to 100000, got "-1"'],
    [[], { WHOP_MOCK_VALIDATE_RESPONSES: 'loud' }, 'WHOP_MOCK_VALIDATE_RESPONSES must be one of strict, warn, off, got "loud"'],
    [['--open-control', 'maybe'], {}, '--open-control must be one of true, 1, yes, false, 0, no, got "maybe"'],
    [[], { WHOP_MOCK_OPEN_CONTROL: 'maybe' }, 'WHOP_MOCK_OPEN_CONTROL must be one of true, 1, yes, false, 0, no, got "maybe"'],
  ])('names where a bad value came from: %j %j', (argv, env, message) => {
    expect(() => parseCli(argv, env, defaults)).toThrow(new CliError(message));
  });
  it('a flag wins over a bad variable: the variable is never read', () => {
    expect(parseCli(['--port', '5000'], { PORT: '99999' }, defaults)).toMatchObject({ options: { port: 5000 } });
  });
  it('an empty variable counts as unset', () => {
    expect(parseCli([], { PORT: '', WHOP_MOCK_OPEN_CONTROL: '' }, defaults)).toMatchObject({ options: { port: 4010, openControl: false } });
  });
  const spellings: Array<[string, boolean]> = [['true', true], ['1', true], ['yes', true], ['YES', true], ['false', false], ['0', false], ['no', false]];
  it.each(spellings)('boolean flags take the same spelling %j from the flag and from the environment', (spelling, expected) => {
    expect(parseCli([`--open-control=${spelling}`], {}, defaults)).toMatchObject({ options: { openControl: expected } });
    expect(parseCli(['--open-control', spelling], {}, defaults)).toMatchObject({ options: { openControl: expected } });
    expect(parseCli([], { WHOP_MOCK_OPEN_CONTROL: spelling }, defaults)).toMatchObject({ options: { openControl: expected } });
  });
  it('a bare boolean flag is true, wherever it stands', () => {
    expect(parseCli(['--open-control'], {}, defaults)).toMatchObject({ options: { openControl: true } });
    expect(parseCli(['--open-control', '--port', '0'], { WHOP_MOCK_OPEN_CONTROL: 'no' }, defaults)).toMatchObject({ options: { openControl: true, port: 0 } });
    expect(parseCli([], {}, defaults)).toMatchObject({ options: { openControl: false } });
  });
  it('recognises --help and --version', () => {
    expect(parseCli(['--help'], {}, defaults)).toEqual({ kind: 'help' });
    expect(parseCli(['-v'], {}, defaults)).toEqual({ kind: 'version' });
  });
});
