import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Buffer } from './buffer.js';

// What the browser build gives the code that imports `node:crypto` (scripts/build-browser.mjs
// maps the import here): the few calls the mock makes, synchronous as Node's are, over
// @noble/hashes (SHA-256, HMAC) and the Web Crypto API's random numbers. Only sha256 is asked for.

type Data = string | Uint8Array;

const bytes = (data: Data): Uint8Array => (typeof data === 'string' ? new TextEncoder().encode(data) : data);

/** Node's Hash/Hmac as the mock uses them: update(...), then digest() or digest(encoding). */
class Digest {
  readonly #parts: Uint8Array[] = [];
  constructor(private readonly finish: (message: Uint8Array) => Uint8Array) {}

  update(data: Data): this {
    this.#parts.push(bytes(data));
    return this;
  }

  digest(): Buffer;
  digest(encoding: 'hex' | 'base64' | 'base64url'): string;
  digest(encoding?: 'hex' | 'base64' | 'base64url'): Buffer | string {
    const out = Buffer.from(this.finish(Buffer.concat(this.#parts)));
    return encoding === undefined ? out : out.toString(encoding);
  }
}

function sha256Only(algorithm: string): void {
  if (algorithm !== 'sha256') throw new Error(`whop-mock/browser: ${algorithm} is not available (only sha256)`);
}

export function createHash(algorithm: string): Digest {
  sha256Only(algorithm);
  return new Digest((message) => sha256(message));
}

export function createHmac(algorithm: string, key: Data): Digest {
  sha256Only(algorithm);
  const secret = bytes(key);
  return new Digest((message) => hmac(sha256, secret, message));
}

export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) throw new RangeError('Input buffers must have the same byte length');
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

export function randomBytes(size: number): Buffer {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(size)));
}
