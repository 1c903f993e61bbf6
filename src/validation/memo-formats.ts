import type { Format } from 'ajv';

/** How many valid values each memoized format remembers before it starts over. */
export const FORMAT_MEMO_LIMIT = 10_000;

/**
 * ajv-formats' format checks, each remembering the values it found valid (up to `limit`, then it
 * forgets them all and starts over). A format check is a pure function of the value, so answering
 * from memory never changes a result: an invalid value is checked in full every time, so strict
 * mode still catches a handler that produces an invalid field. It pays off on responses, whose
 * date-times and URLs are the same stored strings request after request (their hash is cached in
 * the string, so a hit costs one Set lookup instead of a date-time or URI parse). Regexp formats
 * are inlined by Ajv and stay as they are.
 */
export function memoFormats(formats: Readonly<Record<string, Format>>, limit = FORMAT_MEMO_LIMIT): Record<string, Format> {
  const memoized: Record<string, Format> = {};
  for (const [name, format] of Object.entries(formats)) {
    if (typeof format === 'function') memoized[name] = memo(format, limit);
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
    if (valid.size >= limit) valid.clear();
    valid.add(value);
    return true;
  };
}
