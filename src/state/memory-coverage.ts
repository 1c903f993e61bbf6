import type { CoverageTally } from './coverage-tally.js';
import { addCounts, OperationTally, tallyOf, type CoverageCounts, type CoverageFacts } from './operation-tally.js';

/**
 * Coverage counted in this process: a request once, in its session's tally; the all-sessions report
 * adds the live tallies to `#retired` (what sessions let go of left). At most `maxSessions` tallies.
 */
export class MemoryCoverage implements CoverageTally {
  readonly #sessions = new Map<string, Map<string, OperationTally>>();
  readonly #retired = new Map<string, OperationTally>();

  constructor(private readonly maxSessions: number) {}

  count(facts: CoverageFacts): void {
    let session = this.#sessions.get(facts.session);
    if (session === undefined) {
      if (this.#sessions.size >= this.maxSessions) this.#retire(this.#sessions.keys().next().value as string);
      this.#sessions.set(facts.session, (session = new Map()));
    }
    tallyOf(session, facts.key).add(facts);
  }

  /** A fresh copy, so a report made from it does not change under its reader. */
  read(session: string | null): CoverageCounts {
    const copy = new Map<string, OperationTally>();
    const sources = session === null ? [this.#retired, ...this.#sessions.values()] : [this.#sessions.get(session) ?? new Map()];
    for (const counts of sources) addCounts(copy, counts);
    return copy;
  }

  clear(session: string | null): void {
    if (session !== null) return this.#retire(session);
    this.#retired.clear();
    this.#sessions.clear();
  }

  async settle(): Promise<void> {}

  /** A session's counts leave its own tally and stay in the all-sessions counts. */
  #retire(session: string): void {
    const counts = this.#sessions.get(session);
    if (counts === undefined) return;
    addCounts(this.#retired, counts);
    this.#sessions.delete(session);
  }
}
