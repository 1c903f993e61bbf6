import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/kernel/api-error.js';
import { parsePrefer, MAX_DELAY_MS } from '../../src/pipeline/parse-prefer.js';

function problem(header: string): ApiError {
  try {
    parsePrefer(header);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error(`parsePrefer accepted ${header}`);
}

describe('parsePrefer', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['code=404', { code: 404 }],
    ['example=selfView', { example: 'selfView' }],
    ['dynamic=true', { dynamic: true }],
    ['dynamic=false', { dynamic: false }],
    ['delay=250', { delayMs: 250 }],
    ['code=200, example=updated', { code: 200, example: 'updated' }],
    ['code=200;example=updated; dynamic=true', { code: 200, example: 'updated', dynamic: true }],
    ['  CODE = 500 ,delay=0', { code: 500, delayMs: 0 }],
    ['example="quoted name"', { example: 'quoted name' }],
    ['return=minimal, respond-async, code=401', { code: 401 }],
    [`delay=${MAX_DELAY_MS}`, { delayMs: MAX_DELAY_MS }],
  ])('%j -> %j', (header, expected) => {
    expect(parsePrefer(header)).toEqual(expected);
  });

  it.each([
    ['code=abc', 'code must be an HTTP status'],
    ['code=99', 'code must be an HTTP status'],
    ['code=600', 'code must be an HTTP status'],
    ['code', 'code must be an HTTP status'],
    ['example=', 'example needs a name'],
    ['dynamic=yes', 'dynamic must be true or false'],
    ['delay=-1', 'delay must be whole milliseconds'],
    ['delay=1.5', 'delay must be whole milliseconds'],
    [`delay=${MAX_DELAY_MS + 1}`, `from 0 to ${MAX_DELAY_MS}`],
  ])('%j is a 400 naming Prefer', (header, message) => {
    const error = problem(header);
    expect(error.status).toBe(400);
    expect(error.code).toBe('mock_prefer_invalid');
    expect(error.param).toBe('Prefer');
    expect(error.message).toContain(message);
  });
});
