import { errors } from '../errors/catalogue.js';
import { isCalendarDate } from '../openapi/load-specs.js';
import type { VersionDateMode } from './version-date-mode.js';


/** Api-Version-Date header (undefined when absent) -> the version that serves the request. */
export type VersionSelector = (header: string | undefined) => string;

/**
 * Builds, once at start, how a request picks its API version (seeds 001 and 004: the header
 * "pins the request to a dated API version … An unrecognized value is rejected with a 400"):
 *
 * - no header -> the oldest version, so unversioned callers never break;
 * - a recognized date (`dates`: each document's `info.x-api-version-dates` and its own version)
 *   -> the version it selects: one Map lookup, no parsing on the request path;
 * - `exact` (the default): anything else -> 400 `invalid_api_version` listing the recognized dates;
 * - `nearest`: any other calendar date on or after the oldest version -> the newest version
 *   released on or before it (what a client pinned to an unlisted date got before dates were data).
 *
 * `versions` is sorted ascending (ISO dates sort as strings).
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
    return nearestVersion(header, versions, oldest);
  };
}

function nearestVersion(header: string, versions: readonly string[], oldest: string): string {
  const value = header.trim();
  if (!isCalendarDate(value)) throw errors.badVersion(header, 'expected a date in the form YYYY-MM-DD');
  if (value < oldest) throw errors.badVersion(header, `the first API version is ${oldest}`);
  let chosen = oldest;
  for (const version of versions) if (version <= value) chosen = version;
  return chosen;
}
