import { isSecretName, mayHoldSecretName } from '../../kernel/secret-name.js';
import { lastFour } from './redact-headers.js';

function redacted(value: string): string {
  return `[redacted${lastFour(value)}]`;
}

/** `?access_token=`, `?api_key=`, `?jwt=`, `?session=`, `?code=`, `?sig=`, … (src/journal/secret-name.ts). */
function isSecretParam(name: string): boolean {
  return isSecretName(name.endsWith('[]') ? name.slice(0, -2) : name, 'query');
}

/** Whether any parameter looks secret; without listing the keys (most queries have none or few). */
function hasSecretParam(query: Readonly<Record<string, unknown>>): boolean {
  for (const name in query) if (isSecretParam(name)) return true;
  return false;
}

/** The query string with secret-looking parameters' values as `[redacted …last4]` (percent-encoded). */
export function redactQueryString(search: string): string {
  if (search === '' || !mayHoldSecretName(search)) return search;
  return search
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      const rawName = at === -1 ? pair : pair.slice(0, at);
      let name = rawName;
      let value = at === -1 ? '' : pair.slice(at + 1);
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        // Not valid percent-encoding: judged as it is.
      }
      return at !== -1 && isSecretParam(name) ? `${rawName}=${encodeURIComponent(redacted(value))}` : pair;
    })
    .join('&');
}

/** The parsed query likewise: secret-looking parameters' values redacted; a copy only when needed. */
export function redactQuery(query: Readonly<Record<string, unknown>> | null): Readonly<Record<string, unknown>> | null {
  if (query === null || !hasSecretParam(query)) return query;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) {
    copy[name] = !isSecretParam(name) ? value : Array.isArray(value) ? value.map((v) => redacted(String(v))) : redacted(String(value));
  }
  return copy;
}
