import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/api-error.js';
import { selectVersion } from '../../src/versions/select-version.js';

const versions = ['2025-01-01', '2026-06-09'];

describe('selectVersion', () => {
  it.each([
    [undefined, '2025-01-01', 'no header gets the original shapes'],
    ['2025-01-01', '2025-01-01', 'exact first version'],
    ['2026-01-15', '2025-01-01', 'between versions gets the older one'],
    ['2026-06-09', '2026-06-09', 'exact latest version'],
    ['2026-07-01', '2026-06-09', 'seed 001 example date gets the latest'],
    ['2026-07-20', '2026-06-09', 'the SDK default date gets the latest'],
    ['2099-12-31', '2026-06-09', 'a date newer than every version gets the newest'],
    [' 2026-06-09 ', '2026-06-09', 'surrounding spaces are tolerated'],
  ])('%s -> %s (%s)', (header, expected, _why) => {
    expect(selectVersion(header, versions)).toBe(expected);
  });

  it.each([
    ['2024-12-31', 'the first API version is 2025-01-01'],
    ['2026-02-30', 'expected a date'],
    ['20260609', 'expected a date'],
    ['latest', 'expected a date'],
    ['', 'expected a date'],
  ])('rejects %j with a 400 naming Api-Version-Date', (header, reason) => {
    let thrown: unknown;
    try {
      selectVersion(header, versions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    const error = thrown as ApiError;
    expect(error.status).toBe(400);
    expect(error.param).toBe('Api-Version-Date');
    expect(error.message).toContain(reason);
  });
});
