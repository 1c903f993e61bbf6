import { describe, expect, it } from 'vitest';
import { CliError, parseCli } from '../../src/config/parse-cli.js';

const defaults = { specs: '/pkg/specs', fixtures: '/pkg/fixtures' };
const watchOf = (argv: string[], env: Record<string, string> = {}) => {
  const command = parseCli(argv, env, defaults);
  return command.kind === 'run' ? command.options.watch : 'not run';
};

describe('--watch / WHOP_MOCK_WATCH', () => {
  it('is left to the CLI (on at a terminal) when neither is set', () => {
    expect(watchOf([])).toBeUndefined();
  });
  it('reads the bare flag as true, and the usual spellings from flag and variable; the flag wins', () => {
    expect(watchOf(['--watch'])).toBe(true);
    expect(watchOf(['--watch=false'])).toBe(false);
    expect(watchOf(['--watch', 'no'])).toBe(false);
    expect(watchOf([], { WHOP_MOCK_WATCH: '1' })).toBe(true);
    expect(watchOf([], { WHOP_MOCK_WATCH: 'no' })).toBe(false);
    expect(watchOf(['--watch=yes'], { WHOP_MOCK_WATCH: 'false' })).toBe(true);
  });
  it('refuses anything else, naming where it came from', () => {
    expect(() => watchOf(['--watch=sometimes'])).toThrow(CliError);
    expect(() => watchOf([], { WHOP_MOCK_WATCH: 'sometimes' })).toThrow(/WHOP_MOCK_WATCH/);
  });
});
