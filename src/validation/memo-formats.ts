import type { Format } from 'ajv';

/** How many valid values each memoized format remembers before it starts over. */
export const FORMAT_MEMO_LIMIT = 10_000;

/** Longer values are checked every time: the memory a format remembers stays small (about 1 MB). */
const MAX_REMEMBERED_LENGTH = 64;

/**
 * ajv-formats' format checks, each remembering the values it found valid (up to `limit`, then it
 * forgets them all and starts over). A format check is a pure function of the value, so answering
 * from memory never changes a result: an invalid value is checked in full every time, so strict
 * mode still catches a handler that produces an invalid field. It pays off on responses, whose
 * date-times and URLs are the same stored strings request after request (their hash is cached in
 * the string, so a hit costs one Set lookup instead of a date-time or URI parse), and on requests
 * (every SDK call sends the same Api-Version-Date). Values longer than 64 characters are not
 * remembered. Regexp formats (email, ...) become memoized functions too.
 */
export function memoFormats(formats: Readonly<Record<string, Format>>, limit = FORMAT_MEMO_LIMIT): Record<string, Format> {
  const memoized: Record<string, Format> = {};
  for (const [name, format] of Object.entries(formats)) {
    if (typeof format === 'function') memoized[name] = memo(format, limit);
    else if (format instanceof RegExp) memoized[name] = memo((value: string) => format.test(value), limit);
    else if (typeof format === 'object' && !(format instanceof RegExp) && typeof format.validate === 'function' && format.async !== true) {
      memoized[name] = { ...format, validate: memo(format.validate as (value: unknown) => boolean, limit) } as Format;
    } else memoized[name] = format;
  }
  return memoized;
}

function memo<V>(check: (value: V) => boolean, limit: number): (value: V) => boolean {
  const valid = new Set<V>();
  return (value) => {
    if (valid.has(value)) return true;
    if (!check(value)) return false;
    if (typeof value === 'string' && value.length > MAX_REMEMBERED_LENGTH) return true;
    if (valid.size >= limit) valid.clear();
    valid.add(value);
    return true;
  };
}
