import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from '../../state/journal/redact-body.js';
import { redactQueryString } from '../../state/journal/redact-query.js';

/** Replaces personal data and secrets by stable fakes: the same input, the same fake. */
export interface Fakes {
  email(value: string): string;
  phone(value: string): string;
  token(value: string): string;
  /** A URL with the values of secret-named query parameters redacted (a signed picture URL's signature). */
  url(value: string): string;
  /** A value copied whole (verification, balances) with the values of secret-named fields redacted. */
  secrets(value: unknown): unknown;
}

/** The recording key's file (not a *.json file: the fixture loader ignores it). */
const KEY_FILE = '.record-key';

/**
 * HMAC-SHA256 fakes under a key kept in the recording folder (mode 0600): a later recording gives
 * the same person the same fake, so records merge, while nobody without the key can test a guessed
 * address against a fake. `raw` (--record-raw): values as they are.
 */
export function fakesFor(dir: string, raw: boolean): Fakes {
  if (raw) return { email: (v) => v, phone: (v) => v, token: (v) => v, url: (v) => v, secrets: (v) => v };
  const path = join(dir, KEY_FILE);
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  const key = readFileSync(path, 'utf8').trim();
  const digest = (kind: string, value: string) => createHmac('sha256', key).update(`${kind}\u0000${value}`).digest('hex');
  return {
    email: (value) => `user-${digest('email', value.toLowerCase()).slice(0, 12)}@example.com`,
    // 555-01xx numbers are set aside for fiction in North America.
    phone: (value) => `+1555010${(parseInt(digest('phone', value).slice(0, 8), 16) % 10000).toString().padStart(4, '0')}`,
    token: (value) => `tok_rec_${digest('token', value).slice(0, 24)}`,
    // The same secret-name rule as the journal and the drift report (src/journal/secret-name.ts).
    url: (value) => {
      const at = value.indexOf('?');
      return at === -1 ? value : `${value.slice(0, at)}?${redactQueryString(value.slice(at + 1))}`;
    },
    secrets: (value) => redactSecrets(value, false),
  };
}
