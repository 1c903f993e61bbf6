import { Buffer } from 'buffer';

// The browser build's `Buffer` (scripts/build-browser.mjs injects this module wherever the code
// names the global): the `buffer` package, Node's Buffer API over Uint8Array. It predates Node's
// `base64url` encoding, which the cursor codec signs and reads with, so it is added here, to the
// copy bundled inside whop-mock/browser only (a page's own `buffer`, if any, is another copy).
type Encoding = Parameters<Buffer['toString']>[0];

const toString = Buffer.prototype.toString;
Buffer.prototype.toString = function (this: Buffer, encoding?: string, start?: number, end?: number): string {
  if (encoding !== 'base64url') return toString.call(this, encoding as Encoding, start, end);
  return toString.call(this, 'base64', start, end).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const from = Buffer.from as (value: unknown, encoding?: unknown, length?: number) => Buffer;
Buffer.from = function (value: unknown, encoding?: unknown, length?: number): Buffer {
  if (encoding !== 'base64url' || typeof value !== 'string') return from.call(Buffer, value, encoding, length);
  return from.call(Buffer, value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
} as typeof Buffer.from;

export { Buffer };
