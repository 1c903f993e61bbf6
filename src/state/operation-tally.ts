/** What coverage counts of one API request (made by src/pipeline/count-coverage.ts). */
export interface CoverageFacts {
  readonly session: string;
  /**
   * Where it is counted: `<version> <operationId>`; `- <operationId>` for one refused before a
   * version was chosen (bad Api-Version-Date, body not JSON); `-` for one naming no operation.
   */
  readonly key: string;
  /** The status answered; 0 when a fault dropped the connection. */
  readonly status: number;
  /** Forced by `Prefer` (code=, example=, dynamic=) or a fault rule, not the operation's own answer. */
  readonly forced: boolean;
  /** The Whop error envelope's `code`, for an error answer that has one. */
  readonly errorCode: string | undefined;
  /** `user_oauth_token`, `account_api_key`, `app_api_key`; `none` without a bearer token; `unknown` for a token the session does not know. */
  readonly tokenKind: string;
  /** The declared parameters and body fields sent, as labels: `query first`, `header api-version-date`, `body username`. */
  readonly fields: readonly string[];
  /** A successful answer to a request that sent a cursor (`after` or `before`): a page past the first. */
  readonly cursor: boolean;
}

/** Kinds of counter, as a store kept elsewhere names them (one letter each). */
export type CounterKind = 'r' | 'd' | 's' | 'f' | 'e' | 't' | 'q' | 'c';

/** Distinct error codes one tally keeps; further codes are counted together as OTHER_CODE. */
export const MAX_ERROR_CODES = 32;
export const OTHER_CODE = '(other)';

/** Counts by key for the few keys one operation sees: two arrays cost less than a Map's hashing. */
export class SmallCounts<K extends string | number> implements Iterable<[K, number]> {
  readonly #keys: K[] = [];
  readonly #values: number[] = [];

  get size(): number {
    return this.#keys.length;
  }

  get(key: K): number | undefined {
    const at = this.#keys.indexOf(key);
    return at === -1 ? undefined : this.#values[at];
  }

  add(key: K, by: number): void {
    const at = this.#keys.indexOf(key);
    if (at === -1) {
      this.#keys.push(key);
      this.#values.push(by);
    } else this.#values[at] = (this.#values[at] as number) + by;
  }

  *[Symbol.iterator](): Iterator<[K, number]> {
    for (let i = 0; i < this.#keys.length; i += 1) yield [this.#keys[i] as K, this.#values[i] as number];
  }
}

/** The counters of one operation of one version (or of requests that reached none), for one session or all. */
export class OperationTally {
  requests = 0;
  /** Connections a fault dropped: no status was answered. */
  dropped = 0;
  /** Successful answers to a request that sent a cursor. */
  cursorPages = 0;
  /** Status -> answers; `forced` counts those of them that were forced. */
  readonly statuses = new SmallCounts<number>();
  readonly forced = new SmallCounts<number>();
  readonly errorCodes = new SmallCounts<string>();
  /** Field label (`query first`) -> requests that sent it. */
  readonly fields = new SmallCounts<string>();
  readonly tokenKinds = new SmallCounts<string>();

  add(facts: CoverageFacts): void {
    this.requests += 1;
    if (facts.status === 0) this.dropped += 1;
    else {
      this.statuses.add(facts.status, 1);
      if (facts.forced) this.forced.add(facts.status, 1);
    }
    if (facts.errorCode !== undefined) this.#code(facts.errorCode, 1);
    this.tokenKinds.add(facts.tokenKind, 1);
    for (const field of facts.fields) this.fields.add(field, 1);
    if (facts.cursor) this.cursorPages += 1;
  }

  /** One counter as a store kept elsewhere holds it (redis/redis-coverage.ts), or as another tally has it. */
  addCounter(kind: CounterKind, name: string, by: number): void {
    if (kind === 'r') this.requests += by;
    else if (kind === 'd') this.dropped += by;
    else if (kind === 'c') this.cursorPages += by;
    else if (kind === 's') this.statuses.add(Number(name), by);
    else if (kind === 'f') this.forced.add(Number(name), by);
    else if (kind === 'e') this.#code(name, by);
    else if (kind === 't') this.tokenKinds.add(name, by);
    else if (kind === 'q') this.fields.add(name, by);
  }

  /** Every counter as (kind, name, value): how a copy or a store kept elsewhere takes them. */
  *counters(): Iterable<readonly [CounterKind, string, number]> {
    yield ['r', '', this.requests];
    if (this.dropped > 0) yield ['d', '', this.dropped];
    if (this.cursorPages > 0) yield ['c', '', this.cursorPages];
    for (const [status, n] of this.statuses) yield ['s', String(status), n];
    for (const [status, n] of this.forced) yield ['f', String(status), n];
    for (const [code, n] of this.errorCodes) yield ['e', code, n];
    for (const [kind, n] of this.tokenKinds) yield ['t', kind, n];
    for (const [field, n] of this.fields) yield ['q', field, n];
  }

  /** An upstream (proxy mode) or a fault body may send any code: a tally keeps a bounded number. */
  #code(code: string, by: number): void {
    this.errorCodes.add(this.errorCodes.get(code) !== undefined || this.errorCodes.size < MAX_ERROR_CODES ? code : OTHER_CODE, by);
  }
}

/** Every tally of one session (or of all sessions), by the facts' key. */
export type CoverageCounts = ReadonlyMap<string, OperationTally>;

export function tallyOf(counts: Map<string, OperationTally>, key: string): OperationTally {
  let tally = counts.get(key);
  if (tally === undefined) counts.set(key, (tally = new OperationTally()));
  return tally;
}

export function addCounts(into: Map<string, OperationTally>, from: CoverageCounts): void {
  for (const [key, tally] of from) {
    const kept = tallyOf(into, key);
    for (const [kind, name, n] of tally.counters()) kept.addCounter(kind, name, n);
  }
}
