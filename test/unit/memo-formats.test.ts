import { createRequire } from 'node:module';
import type { Format, FormatDefinition } from 'ajv';
import { describe, expect, it } from 'vitest';
import { memoFormats } from '../../src/validation/memo-formats.js';

const { fullFormats } = createRequire(import.meta.url)('ajv-formats/dist/formats') as { fullFormats: Record<string, Format> };

const check = (format: Format | undefined, value: string): boolean => {
  if (format === undefined || format === true) return true;
  if (typeof format === 'function') return format(value);
  if (format instanceof RegExp) return format.test(value);
  if (typeof format === 'string') return new RegExp(format).test(value);
  const validate = (format as FormatDefinition<string>).validate;
  if (typeof validate === 'function') return validate(value) as boolean;
  return (typeof validate === 'string' ? new RegExp(validate) : validate).test(value);
};

const cases: Record<string, string[]> = {
  'date-time': ['2026-06-09T10:00:00Z', '2026-02-30T10:00:00Z', 'yesterday', '2026-06-09T10:00:00.123+02:00', '2026-06-09'],
  date: ['2026-07-20', '2026-13-01', '2024-02-29', '2023-02-29', 'x'],
  uri: ['https://cdn.whop.com/a.png', 'not a uri', 'mailto:a@b.c', '//x'],
  email: ['a@example.com', 'a@@example.com', 'plain'],
};

describe('memoFormats', () => {
  it('answers exactly as the formats it wraps, first time and every time after, valid or not', () => {
    const memo = memoFormats(fullFormats, 3);
    for (const [name, values] of Object.entries(cases)) {
      for (let round = 0; round < 3; round += 1) {
        for (const value of values) expect(check(memo[name], value), `${name} ${value}`).toBe(check(fullFormats[name], value));
      }
    }
  });

  it('never remembers an invalid value, and starts over past its limit', () => {
    const memo = memoFormats(fullFormats, 2);
    const dateTime = memo['date-time'];
    for (const value of ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', 'nope']) check(dateTime, value);
    expect(check(dateTime, 'nope')).toBe(false);
    expect(check(dateTime, '2026-01-01T00:00:00Z')).toBe(true);
    const long = `https://example.com/${'a'.repeat(200)}`;
    expect(check(memo.uri, long)).toBe(true);
    expect(check(memo.uri, `${long} with spaces`)).toBe(false);
  });
});
