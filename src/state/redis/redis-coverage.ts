import type { Logger } from '../../logging/logger.js';
import type { CoverageTally } from '../coverage-tally.js';
import { OperationTally, tallyOf, type CounterKind, type CoverageCounts, type CoverageFacts } from '../operation-tally.js';
import type { StoreClient } from './redis-client.js';

/** Counters one hash holds at most (see lua-coverage.ts). */
export const MAX_COVERAGE_FIELDS = 10_000;

/** The all-sessions hash, as the scripts name it. */
const ALL = '';

/**
 * Coverage counted in Redis, so a report covers every replica. The counts of one turn of the event
 * loop go, added up, as one script call after the answers (counting never makes a request wait); a
 * read sends what is pending first (one connection: run in order). A failed call's counts are lost.
 */
export class RedisCoverage implements CoverageTally {
  /** Session ('' for all) -> the turn's counts, added up as in memory, waiting for the end of the turn. */
  #pending = new Map<string, Map<string, OperationTally>>();
  #scheduled = false;
  /** The last call sent: Redis answers one connection's calls in order. */
  #last: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: StoreClient,
    private readonly prefix: string,
    private readonly idleMs: number,
    private readonly logger: Logger,
  ) {}

  count(facts: CoverageFacts): void {
    tallyOf(this.#counts(ALL), facts.key).add(facts);
    tallyOf(this.#counts(facts.session), facts.key).add(facts);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => void this.#flush());
    }
  }

  async read(session: string | null): Promise<CoverageCounts> {
    void this.#flush();
    const flat = (await this.client.run('wmCoverageRead', [this.prefix, session ?? ALL])) as string[];
    const counts = new Map<string, OperationTally>();
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [key, kind, name = ''] = (flat[i] as string).split('\t');
      if (key !== undefined && kind !== undefined) tallyOf(counts, key).addCounter(kind as CounterKind, name, Number(flat[i + 1]));
    }
    return counts;
  }

  async clear(session: string | null): Promise<void> {
    void this.#flush();
    await this.client.run('wmCoverageClear', [this.prefix, session ?? ALL]);
  }

  settle(): Promise<void> {
    return this.#flush();
  }

  #flush(): Promise<void> {
    this.#scheduled = false;
    if (this.#pending.size === 0) return this.#last;
    const pending = this.#pending;
    this.#pending = new Map();
    const args: (string | number)[] = [this.prefix, this.idleMs, MAX_COVERAGE_FIELDS];
    for (const [session, counts] of pending) {
      // Each counter as a field of the session's hash: `<key>\t<kind>[\t<name>]`.
      const fields: (string | number)[] = [];
      for (const [key, tally] of counts) {
        for (const [kind, name, n] of tally.counters()) fields.push(name === '' ? `${key}\t${kind}` : `${key}\t${kind}\t${name}`, n);
      }
      args.push(session, fields.length / 2, ...fields);
    }
    this.#last = this.client.run('wmCoverageCount', args).then(
      () => undefined,
      (error: unknown) => this.logger.warn('coverage counts were not kept: the Redis store is unavailable', { error: error instanceof Error ? error.message : String(error) }),
    );
    return this.#last;
  }

  #counts(session: string): Map<string, OperationTally> {
    let counts = this.#pending.get(session);
    if (counts === undefined) this.#pending.set(session, (counts = new Map()));
    return counts;
  }
}
