import { errors } from '../errors/catalogue.js';
import { isCalendarDate } from '../openapi/load-specs.js';

/**
 * Picks the API version that serves a request, the way dated API versions work (seed 001/004):
 * no `Api-Version-Date` -> the original version (the oldest), so unversioned callers never
 * break; a date -> the newest version released on or before it (a client pinned to a date newer
 * than every version gets the newest); a malformed date or one before the first version -> 400.
 *
 * `versions` is sorted ascending (ISO dates sort as strings).
 */
export function selectVersion(header: string | undefined, versions: readonly string[]): string {
  const oldest = versions[0];
  if (oldest === undefined) throw new Error('selectVersion needs at least one version');
  if (header === undefined) return oldest;
  const value = header.trim();
  if (!isCalendarDate(value)) throw errors.badVersion(header, 'expected a date in the form YYYY-MM-DD');
  if (value < oldest) throw errors.badVersion(header, `the first API version is ${oldest}`);
  let chosen = oldest;
  for (const version of versions) if (version <= value) chosen = version;
  return chosen;
}
