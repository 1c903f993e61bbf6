import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/kernel/api-error.js';
import { versionSelector } from '../../src/openapi/version-selector.js';

const versions = ['2025-01-01', '2026-06-09'];
const dates = new Map([
  ['2025-01-01', '2025-01-01'],
  ['2026-06-09', '2026-06-09'],
  ['2026-07-01', '2026-06-09'],
  ['2026-07-20', '2026-06-09'],
]);

function refusal(select: (header: string | undefined) => string, header: string): ApiError {
  try {
    select(header);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error(`${header} was accepted`);
}

describe('versionSelector, exact (the default: only recognized dates)', () => {
  const select = versionSelector(versions, dates, 'exact');

  it.each([
    [undefined, '2025-01-01', 'no header gets the original shapes'],
    ['2025-01-01', '2025-01-01', 'the original version'],
    ['2026-06-09', '2026-06-09', 'seed 004'],
    ['2026-07-01', '2026-06-09', 'seed 001'],
    ['2026-07-20', '2026-06-09', 'what @whop/sdk sends'],
  ])('%s -> %s (%s)', (header, expected, _why) => {
    expect(select(header)).toBe(expected);
  });

  it.each(['2026-01-15', '2026-07-02', '4313-07-10', '2024-12-31', '2026-02-30', 'latest', '', ' 2026-06-09'])(
    'refuses %j with a 400 invalid_api_version that lists the recognized dates',
    (header) => {
      const error = refusal(select, header);
      expect(error).toMatchObject({ status: 400, code: 'invalid_api_version', param: 'Api-Version-Date' });
      expect(error.message).toBe(
        `Api-Version-Date "${header}" is not a recognized API version. Recognized: 2025-01-01, 2026-06-09, 2026-07-01, 2026-07-20 (no header: 2025-01-01).`,
      );
    },
  );

  it('echoes at most 40 printable characters of a hostile value', () => {
    const error = refusal(select, `${'x'.repeat(60)}\u0007`);
    expect(error.message).toContain(`"${'x'.repeat(40)}…"`);
  });
});

describe('versionSelector, nearest (the old rule, on request)', () => {
  const select = versionSelector(versions, dates, 'nearest');

  it.each([
    [undefined, '2025-01-01'],
    ['2026-01-15', '2025-01-01'],
    ['2026-07-02', '2026-06-09'],
    ['2099-12-31', '2026-06-09'],
    [' 2026-06-10 ', '2026-06-09'],
  ])('%s -> %s', (header, expected) => {
    expect(select(header)).toBe(expected);
  });

  it('a listed date selects the version that lists it, even against the nearest rule', () => {
    const listed = versionSelector(versions, new Map([...dates, ['2026-08-01', '2025-01-01']]), 'nearest');
    expect(listed('2026-08-01')).toBe('2025-01-01');
    expect(listed('2026-08-02')).toBe('2026-06-09');
  });

  it.each([
    ['2024-12-31', 'the first API version is 2025-01-01'],
    ['2026-02-30', 'expected a date'],
    ['20260609', 'expected a date'],
    ['latest', 'expected a date'],
  ])('still refuses %j', (header, reason) => {
    const error = refusal(select, header);
    expect(error).toMatchObject({ status: 400, code: 'invalid_api_version', param: 'Api-Version-Date' });
    expect(error.message).toContain(reason);
  });
});
