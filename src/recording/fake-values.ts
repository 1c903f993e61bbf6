import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Replaces personal data and secrets by stable fakes: the same input, the same fake. */
export interface Fakes {
  email(value: string): string;
  phone(value: string): string;
  token(value: string): string;
}

/** The recording key's file in the recording folder (not a *.json file: the fixture loader ignores it). */
export const KEY_FILE = '.record-key';

/**
 * HMAC-SHA256 fakes under a key kept in the recording folder (made on the first recording, mode
 * 0600): a later recording into the same folder gives the same person the same fake, so records
 * merge, while nobody without the key can test a guessed address against a fake. `raw`: values
 * are kept as they are (--record-raw).
 */
export function fakesFor(dir: string, raw: boolean): Fakes {
  if (raw) return { email: (v) => v, phone: (v) => v, token: (v) => v };
  const path = join(dir, KEY_FILE);
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  const key = readFileSync(path, 'utf8').trim();
  const digest = (kind: string, value: string) => createHmac('sha256', key).update(`${kind}\u0000${value}`).digest('hex');
  return {
    email: (value) => `user-${digest('email', value.toLowerCase()).slice(0, 12)}@example.com`,
    // 555-01xx numbers are set aside for fiction in North America.
    phone: (value) => `+1555010${(parseInt(digest('phone', value).slice(0, 8), 16) % 10000).toString().padStart(4, '0')}`,
    token: (value) => `tok_rec_${digest('token', value).slice(0, 24)}`,
  };
}
