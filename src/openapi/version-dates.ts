import type { SpecDocument } from './load-specs.js';
import { SpecError } from './spec-error.js';

/**
 * Every recognized Api-Version-Date value -> the version it selects, sorted by date. Built once at
 * start from each document's dates (`info.x-api-version-dates` and its own version date).
 * One date selects one version: two documents of different versions cannot both claim it.
 */
export function versionDates(documents: readonly SpecDocument[]): Map<string, string> {
  const claimed = new Map<string, SpecDocument>();
  for (const source of documents) {
    for (const date of source.versionDates) {
      const other = claimed.get(date);
      if (other !== undefined && other.version !== source.version) {
        throw new SpecError(source.file, `Api-Version-Date ${date} selects version ${source.version} here and ${other.version} in ${other.file}`);
      }
      claimed.set(date, source);
    }
  }
  return new Map([...claimed.keys()].sort().map((date) => [date, (claimed.get(date) as SpecDocument).version]));
}
