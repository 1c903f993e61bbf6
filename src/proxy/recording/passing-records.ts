import { basename } from 'node:path';
import { FixtureError } from '../../world/fixture-error.js';

type Json = Record<string, unknown>;

/** Records one write may fall back on (each costs one more run of the checks) before it gives up. */
export const MAX_FALLBACKS = 100;

/** The file texts to write, and the records (`kind\nid`) that fell back or were left out. */
export interface PassingRecords {
  readonly texts: Record<string, string>;
  readonly count: number;
  readonly fallbacks: ReadonlySet<string>;
}

/**
 * Record lists made to pass the fixture checks one failing record at a time: it falls back to its
 * version last `written`, or is left out (and, at the next check, what refers to it); `report`
 * hears each. What cannot fall back (a record named twice, a problem in no one record, more than
 * MAX_FALLBACKS) throws, and nothing is to be written.
 */
export async function passingRecords(
  lists: Readonly<Record<string, readonly Json[]>>,
  keyOf: (kind: string, record: Json) => string,
  written: ReadonlyMap<string, Json>,
  check: (texts: Record<string, string>) => Promise<void>,
  report: (key: string, error: FixtureError, keptWritten: boolean) => void,
): Promise<PassingRecords> {
  const fallbacks = new Map<string, Json | null>();
  for (;;) {
    const texts: Record<string, string> = {};
    const present = new Set<string>();
    let count = 0;
    for (const [kind, all] of Object.entries(lists)) {
      const records: Json[] = [];
      for (const record of all) {
        const key = keyOf(kind, record);
        present.add(key);
        const fallback = fallbacks.get(key);
        if (fallback === undefined) records.push(record);
        else if (fallback !== null) records.push(fallback);
      }
      texts[kind] = `${JSON.stringify(records, null, 2)}\n`;
      count += records.length;
    }
    try {
      await check(texts);
      return { texts, count, fallbacks: new Set(fallbacks.keys()) };
    } catch (error) {
      const key = error instanceof FixtureError && error.location?.id !== undefined ? `${basename(error.file, '.json')}\n${error.location.id}` : undefined;
      if (key === undefined || !present.has(key) || fallbacks.has(key)) throw error;
      if (fallbacks.size >= MAX_FALLBACKS) throw new Error(`more than ${MAX_FALLBACKS} recorded records fail the fixture checks; nothing is written. The last: ${(error as Error).message}`);
      const kept = written.get(key) ?? null;
      fallbacks.set(key, kept);
      report(key, error as FixtureError, kept !== null);
    }
  }
}
