import { isSecretName, mayHoldSecretName } from '../../kernel/secret-name.js';

const EMAIL = /[^\s"@<>()]+@[^\s"@<>()]+\.[A-Za-z]{2,}/g;
/** Deeper than this, a value is not walked: it is redacted whole (a body the depth limit let through is shallower). */
const MAX_DEPTH = 64;

/**
 * A JSON value with secret-named fields' values replaced, whole, by `[redacted <field>]`.
 * `emails`: email addresses too (proxy mode's real people's data: its shape is kept, not contents).
 */
export function redactSecrets(value: unknown, emails: boolean, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[redacted]';
  if (typeof value === 'string') return emails ? value.replace(EMAIL, '[redacted email]') : value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, emails, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = isSecretName(key) ? redactedValue(key, inner) : redactSecrets(inner, emails, depth + 1);
  return copy;
}

/** What a secret-named field shows: its name, never its value (null and booleans as they are). */
export function redactedValue(name: string, value: unknown): unknown {
  return value === null || typeof value === 'boolean' ? value : `[redacted ${name}]`;
}

/** Proxy mode: secret fields and email addresses redacted. */
export function redactBody(value: unknown): unknown {
  return redactSecrets(value, true);
}

/** JSON text likewise; text that is not JSON has its email addresses redacted. */
export function redactJsonText(text: string): string {
  try {
    return JSON.stringify(redactBody(JSON.parse(text)));
  } catch {
    return text.replace(EMAIL, '[redacted email]');
  }
}

/**
 * A request body's JSON text in mock mode: secret-named fields redacted, unparsed when no name in
 * the first `window` characters (what is kept) could be secret.
 */
export function redactSecretFieldsText(text: string, window: number): string {
  if (!mayHoldSecretName(text.length > window ? text.slice(0, window) : text)) return text;
  try {
    const value: unknown = JSON.parse(text);
    return hasSecretField(value, 0) ? JSON.stringify(redactSecrets(value, false)) : text;
  } catch {
    return text;
  }
}

function hasSecretField(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.some((item) => hasSecretField(item, depth + 1));
  for (const [key, inner] of Object.entries(value)) if (isSecretName(key) || hasSecretField(inner, depth + 1)) return true;
  return false;
}
