/** What is wrong with a JSON text that JSON.parse would accept or choke on. */
export type JsonProblem = { readonly kind: 'too-deep' } | { readonly kind: 'lone-surrogate'; readonly at: number; readonly unit: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const U = 0x75;

/**
 * One pass, before parsing, for what JSON.parse lets through or handles badly: nesting deeper than
 * `maxDepth` (a 5,000-deep body costs every later reader a deep recursion) and `\uD800`-style
 * escapes of half a surrogate pair (a store or client decoding them as UTF-8 gets garbage). Anything
 * else malformed is left to JSON.parse. `surrogates: false`: depth only (an upstream's body, passed on).
 */
export function jsonProblem(text: string, maxDepth: number, surrogates = true): JsonProblem | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === QUOTE) inString = false;
      else if (c === BACKSLASH) {
        if (!surrogates || text.charCodeAt(i + 1) !== U) {
          i += 1;
          continue;
        }
        const unit = hex4(text, i + 2);
        if (unit >= 0xd800 && unit <= 0xdbff) {
          const low = text.charCodeAt(i + 6) === BACKSLASH && text.charCodeAt(i + 7) === U ? hex4(text, i + 8) : -1;
          if (low < 0xdc00 || low > 0xdfff) return { kind: 'lone-surrogate', at: i, unit: text.slice(i, i + 6) };
          i += 11;
        } else if (unit >= 0xdc00 && unit <= 0xdfff) {
          return { kind: 'lone-surrogate', at: i, unit: text.slice(i, i + 6) };
        } else {
          i += 5;
        }
      }
    } else if (c === QUOTE) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return { kind: 'too-deep' };
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return undefined;
}

/** The four hex digits at `at` as a number; -1 when they are not four hex digits (JSON.parse reports it). */
function hex4(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 4; i += 1) {
    const c = text.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
