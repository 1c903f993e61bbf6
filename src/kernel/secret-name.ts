/**
 * The one rule for names whose values are secret (headers, query parameters, JSON and log fields),
 * asked by the journal, the logs, the drift report and recordings (README: "Security").
 *
 * A name is read as lower-cased words, split at non-alphanumerics and where lower case turns to
 * upper (`refreshToken`, `X-Private-Key`, `APIKey` -> api key). It is secret when a word, or two
 * neighbours written together (`apikey`, `sessionid`), is or ends with one of SECRET_WORDS (a
 * trailing `s` allowed); or when the whole name, an `x-` prefix aside, is one of WHOLE_NAMES, or in
 * a query string one of QUERY_NAMES (an OAuth `?code=`, a signed URL's `?sig=`).
 *
 * `session` alone counts only as the whole name: `X-Mock-Session`'s value is a label a test chose
 * and reads back; `X-Session-Id`, `sessionToken` and `?session=` are an app's and are secret.
 */
export const SECRET_WORDS = [
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'auth', 'authorization', 'jwt',
  'signature', 'cookie', 'apikey', 'privatekey', 'accesskey', 'signingkey', 'sessionid', 'sessionkey',
  // Personal data, which proxy mode passes through from real people.
  'email', 'phone', 'mobile',
] as const;

/** Secret only as the whole name (an `x-` prefix aside). */
export const WHOLE_NAMES = ['session', 'pass'] as const;

/** Secret as the whole name of a query parameter (not of a JSON field: `code` is the Whop error envelope's). */
export const QUERY_NAMES = ['key', 'code', 'sig'] as const;

/** Every secret name contains one of these: most names are ruled out by one test, nothing allocated. */
const STEMS = /pass|pwd|secret|token|cred|auth|jwt|sig|cookie|key|sess|mail|phone|mobile|code/i;

/** Whether a text may contain a secret name: false means it certainly does not. */
export function mayHoldSecretName(text: string): boolean {
  return STEMS.test(text);
}

/** Whether values under this name are secret; `query`: the name is a query parameter's. */
export function isSecretName(name: string, where: 'any' | 'query' = 'any'): boolean {
  // The mock's own header (not secret by the rule either), on most requests: answered without splitting it.
  if (!STEMS.test(name) || name === 'x-mock-session') return false;
  const words = wordsOf(name);
  const whole = (words[0] === 'x' && words.length > 1 ? words.slice(1) : words).join('');
  if ((WHOLE_NAMES as readonly string[]).includes(whole)) return true;
  if (where === 'query' && (QUERY_NAMES as readonly string[]).includes(whole)) return true;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    if (endsInSecret(word)) return true;
    const next = words[i + 1];
    if (next !== undefined && endsInSecret(word + next)) return true;
  }
  return false;
}

function endsInSecret(word: string): boolean {
  for (const secret of SECRET_WORDS) {
    if (word.endsWith(secret) || word.endsWith(`${secret}s`)) return true;
  }
  return false;
}

/** `X-Private-Key` -> [x, private, key]; `refreshToken` -> [refresh, token]; `APIKey` -> [api, key]. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}
