import { errors } from '../kernel/catalogue.js';
import { DEFAULT_SESSION } from './session-registry.js';

const NAME = /^[A-Za-z0-9._:-]+$/;
const MAX_LENGTH = 100;

/**
 * The session of an X-Mock-Session header (absent or empty: the default). A name is 1 to 100 of
 * `A-Z a-z 0-9 . _ : -`, safe to log and echo; anything else is a 400, not another session.
 */
export function sessionName(header: string | readonly string[] | undefined): string {
  if (Array.isArray(header)) throw errors.sessionNameInvalid('was sent more than once');
  const value = typeof header === 'string' ? header.trim() : '';
  if (value === '') return DEFAULT_SESSION;
  if (value.length > MAX_LENGTH) throw errors.sessionNameInvalid(`is ${value.length} characters long`);
  if (!NAME.test(value)) throw errors.sessionNameInvalid(`"${value.replace(/[^\x20-\x7e]/g, '?')}" has characters that are not allowed`);
  return value;
}
