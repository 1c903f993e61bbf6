/** Fields that hold personal data or secrets, whatever the schema says. */
const SECRET_FIELD = /(^|[-_])(email|e[-_]?mail[-_]?address|phone|phone[-_]?number|mobile|token|access[-_]?token|secret|password|api[-_]?key)$/i;
const EMAIL = /[^\s"@<>()]+@[^\s"@<>()]+\.[A-Za-z]{2,}/g;

/**
 * A JSON value with personal data and secrets taken out: the value of every field named like an
 * email, phone, token, secret, password or API key becomes `[redacted <field>]`, and an email
 * address anywhere else in a string `[redacted email]`. For what passes through proxy mode
 * (real people's data): the journal and the drift report keep its shape, not its contents.
 */
export function redactBody(value: unknown, depth = 0): unknown {
  if (depth > 64) return '[redacted]';
  if (typeof value === 'string') return value.replace(EMAIL, '[redacted email]');
  if (Array.isArray(value)) return value.map((item) => redactBody(item, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = SECRET_FIELD.test(key) && inner !== null && typeof inner !== 'object' ? `[redacted ${key}]` : redactBody(inner, depth + 1);
  }
  return copy;
}

/** JSON text likewise; text that is not JSON has its email addresses redacted. */
export function redactJsonText(text: string): string {
  try {
    return JSON.stringify(redactBody(JSON.parse(text)));
  } catch {
    return text.replace(EMAIL, '[redacted email]');
  }
}
