import { errors } from '../kernel/catalogue.js';
import { isCalendarDate } from './load-specs.js';
import type { VersionDateMode } from './version-date-mode.js';

/** Api-Version-Date header (undefined when absent) -> the version that serves the request. */
export type VersionSelector = (header: string | undefined) => string;

/**
 * How a request picks its API version (seeds 001 and 004: the header "pins the request to a dated
 * API version … An unrecognized value is rejected with a 400"): no header -> the oldest version;
 * a recognized date -> its version (one Map lookup); anything else -> 400 in `exact` mode, or in
 * `nearest` the newest version released on or before that date. `versions` is sorted ascending.
 */
export function versionSelector(versions: readonly string[], dates: ReadonlyMap<string, string>, mode: VersionDateMode): VersionSelector {
  const oldest = versions[0];
  if (oldest === undefined) throw new Error('versionSelector needs at least one version');
  const recognized = [...dates.keys()];
  return (header) => {
    if (header === undefined) return oldest;
    const version = dates.get(header);
    if (version !== undefined) return version;
    if (mode === 'exact') throw errors.unrecognizedVersion(header, recognized, oldest);
    const value = header.trim();
    if (!isCalendarDate(value)) throw errors.badVersion(header, 'expected a date in the form YYYY-MM-DD');
    if (value < oldest) throw errors.badVersion(header, `the first API version is ${oldest}`);
    let chosen = oldest;
    for (const candidate of versions) if (candidate <= value) chosen = candidate;
    return chosen;
  };
}
