import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config/settings.js';
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
  it('every limit defaults to its one named default (the settings table), times in milliseconds', () => {
    expect(parseCli([], {}, defaults)).toMatchObject({
      options: {
        bodyLimit: 1024 * 1024,
        bodyBufferBytes: 64 * 1024 * 1024,
        maxJsonDepth: 64,
        maxHeaderBytes: 16 * 1024,
        journalLimit: 200,
        journalSessionBytes: 2 * 1024 * 1024,
        journalTotalBytes: 64 * 1024 * 1024,
        journalBodyBytes: 32 * 1024,
        controlPageMax: 1000,
        maxDelayMs: 10_000,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5000,
        maxConnections: 4096,
        shutdownGraceMs: 5000,
        idleSessionMs: 3_600_000,
        stateSaveMs: 0,
        controlOrigins: expect.stringContaining('http://localhost:*'),
      },
    });
  });
  it('reads sizes with or without a unit (powers of 1024), and seconds', () => {
    const command = parseCli(['--journal-total-bytes', '32MiB', '--journal-body-bytes=4k', '--headers-timeout-seconds', '3'], { WHOP_MOCK_BODY_LIMIT_BYTES: '512KiB', WHOP_MOCK_BODY_BUFFER_BYTES: '1048576', WHOP_MOCK_JOURNAL_SESSION_BYTES: '1gb' }, defaults);
    expect(command).toMatchObject({ options: { journalTotalBytes: 32 * 1024 * 1024, journalBodyBytes: 4096, headersTimeoutMs: 3000, bodyLimit: 512 * 1024, bodyBufferBytes: 1048576, journalSessionBytes: 1024 ** 3 } });
    expect(parseCli(['--control-origins', 'http://localhost:5173'], {}, defaults)).toMatchObject({ options: { controlOrigins: 'http://localhost:5173' } });
  });
  it.each([
    [['--journal-session-bytes', '2XB'], '--journal-session-bytes must be a size in bytes, 0 or more (a whole number, or with KiB, MiB or GiB), got "2XB"'],
    [['--body-limit-bytes', '0'], '--body-limit-bytes must be a size in bytes, 1 or more'],
    [['--max-header-bytes', '100'], '--max-header-bytes must be a size in bytes, 1024 or more'],
    [['--request-timeout-seconds', '0'], '--request-timeout-seconds must be a whole number from 1 to 86400, got "0"'],
    [['--max-connections', 'lots'], '--max-connections must be a whole number from 1 to 1000000'],
    [['--max-json-depth', '0'], '--max-json-depth must be a whole number from 1 to 10000'],
    [['--max-fault-rules', 'many'], '--max-fault-rules must be a whole number from 0 to 100000'],
  ])('refuses a bad limit %j, naming the flag', (argv, message) => {
    expect(() => parseCli(argv, {}, defaults)).toThrow(message);
  });
  it('every flag has a WHOP_MOCK_ (or PORT/HOST) variable, and every limit a flag', () => {
    for (const { env } of SETTINGS) expect(env).toMatch(/^(PORT|HOST|WHOP_MOCK_[A-Z_]+)$/);
    const flags = SETTINGS.map(({ flag }) => flag);
    for (const flag of ['journal-session-bytes', 'journal-total-bytes', 'journal-body-bytes', 'body-limit-bytes', 'body-buffer-bytes', 'max-json-depth', 'max-header-bytes', 'max-delay-ms', 'control-page-max', 'headers-timeout-seconds', 'request-timeout-seconds', 'keep-alive-timeout-seconds', 'max-connections', 'shutdown-grace-seconds', 'max-sessions', 'session-idle-seconds', 'journal-limit', 'max-fault-rules', 'max-admin-failures']) {
      expect(flags).toContain(flag);
    }
  });
});

describe('whop-mock proxy', () => {
  it('reads the proxy flags and their variables only after "proxy"', () => {
    const command = parseCli(['proxy', '--upstream', 'https://api.whop.com/api/v1', '--reject-invalid', '--upstream-timeout-ms', '900'], { WHOP_MOCK_RECORD: '/tmp/rec' }, defaults);
    expect(command).toMatchObject({ kind: 'run', options: { mode: 'proxy', upstream: 'https://api.whop.com/api/v1', rejectInvalid: true, upstreamTimeoutMs: 900, record: '/tmp/rec', recordRaw: false, driftMaxGroups: 100 } });
    expect(parseCli([], { WHOP_MOCK_UPSTREAM: 'https://x.example' }, defaults)).toMatchObject({ options: { mode: 'mock', upstream: undefined } });
  });
  it.each([
    [['proxy'], {}, 'whop-mock proxy needs --upstream <url>'],
    [['proxy', '--upstream', 'ftp://x'], {}, '--upstream must be an http(s) URL'],
    [['--upstream', 'https://x.example'], {}, '--upstream is a flag of "whop-mock proxy"'],
    [['proxy'], { WHOP_MOCK_UPSTREAM: 'nope' }, 'WHOP_MOCK_UPSTREAM must be an http(s) URL, got "nope"'],
  ])('refuses %j %j', (argv, env, message) => {
    expect(() => parseCli(argv, env, defaults)).toThrow(message);
  });
});
