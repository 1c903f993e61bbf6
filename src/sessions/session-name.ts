import { errors } from '../errors/catalogue.js';
import { DEFAULT_SESSION } from '../store/session-registry.js';

const NAME = /^[A-Za-z0-9._:-]+$/;
const MAX_LENGTH = 100;

/**
 * The session a request acts on, from its X-Mock-Session header: absent or empty is the default
 * session. A name is 1 to 100 of `A-Z a-z 0-9 . _ : -`, so it is safe to log and to echo in a
 * header; anything else is a 400 rather than a silently different session.
 */
export function sessionName(header: string | readonly string[] | undefined): string {
  if (Array.isArray(header)) throw errors.sessionNameInvalid('was sent more than once');
  const value = typeof header === 'string' ? header.trim() : '';
  if (value === '') return DEFAULT_SESSION;
  if (value.length > MAX_LENGTH) throw errors.sessionNameInvalid(`is ${value.length} characters long`);
  if (!NAME.test(value)) throw errors.sessionNameInvalid(`"${value.replace(/[^\x20-\x7e]/g, '?')}" has characters that are not allowed`);
  return value;
}
