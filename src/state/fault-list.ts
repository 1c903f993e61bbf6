import { errors } from '../kernel/catalogue.js';
import type { WriteLedger } from '../world/write-ledger.js';
import { matches, takenFault, type FaultRule, type FaultTarget, type TakenFault } from './fault-match.js';
import type { MaybePromise } from './maybe-promise.js';

export type { FaultRule, FaultStep, FaultTarget, TakenFault } from './fault-match.js';

/** A stored rule: `times` is what is left (of a sequence: the steps left). */
export interface Fault extends FaultRule {
  readonly id: string;
}

/** One session's fault rules: in memory (FaultList) or in Redis (redis/redis-faults.ts). */
export interface Faults {
  /**
   * Adds a rule within `--max-fault-rules` and, with the session's records, `--session-bytes` (a
   * 413 beyond). `records`: what they hold now (memory; Redis checks in its script).
   */
  add(rule: FaultRule, records?: RecordBytes): MaybePromise<Fault>;
  list(): MaybePromise<Fault[]>;
  /** Removes every rule; returns how many there were. */
  clear(): MaybePromise<number>;
  /** The first rule matching the request, counting one use of it (a rule used up is removed). */
  take(target: FaultTarget): MaybePromise<TakenFault | undefined>;
  /** Removes one rule; whether there was one with that id. */
  remove(id: string): MaybePromise<boolean>;
  /** The session has no rule (as far as this copy knows: Redis confirms it with the request's journal entry). */
  readonly empty: boolean;
}

/** What a session's own records hold against its byte budget. */
type RecordBytes = Pick<WriteLedger, 'bytes' | 'limit'>;

/** A rule as kept: its JSON without `times` (which counts down); its bytes count against the session's budget. */
export function faultRuleJson(rule: FaultRule): string {
  const { times: _times, ...rest } = rule;
  return JSON.stringify(rest);
}

/** The uses a new rule has: `times`, or one per step of its sequence; undefined for "until cleared". */
export function usesOf(rule: FaultRule): number | undefined {
  return rule.times ?? rule.sequence?.length;
}

/** One session's fault rules in memory, in the order added; the first matching rule applies. */
export class FaultList implements Faults {
  #rules: Fault[] = [];
  #next = 1;
  /** Bytes the rules hold (faultRuleJson), counted with the session's records against its budget. */
  bytes = 0;
  readonly #sizes = new Map<string, number>();

  constructor(private readonly maxRules: number = Number.POSITIVE_INFINITY) {}

  get empty(): boolean {
    return this.#rules.length === 0;
  }

  add(rule: FaultRule, records?: RecordBytes): Fault {
    const size = Buffer.byteLength(faultRuleJson(rule));
    if (this.#rules.length >= this.maxRules) throw errors.faultRulesFull(this.maxRules);
    if (records !== undefined && records.bytes + this.bytes + size > records.limit) throw errors.sessionFull(records.limit, records.bytes + this.bytes + size);
    // A copy, so a caller changing its rule object later does not change the stored one.
    const uses = usesOf(rule);
    const fault: Fault = { id: `flt_${this.#next++}`, ...structuredClone(rule), ...(uses === undefined ? {} : { times: uses }) };
    this.#rules.push(fault);
    this.#sizes.set(fault.id, size);
    this.bytes += size;
    return fault;
  }

  list(): Fault[] {
    return [...this.#rules];
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((rule) => rule.id !== id);
    this.#forget(id);
    return this.#rules.length < before;
  }

  clear(): number {
    const count = this.#rules.length;
    this.#rules = [];
    this.#sizes.clear();
    this.bytes = 0;
    return count;
  }

  take(target: FaultTarget): TakenFault | undefined {
    // Most sessions have no rules: no search (and no closure) per request then.
    if (this.#rules.length === 0) return undefined;
    const index = this.#rules.findIndex((rule) => matches(rule, target));
    const rule = this.#rules[index];
    if (rule === undefined) return undefined;
    if (rule.times !== undefined) {
      if (rule.times <= 1) {
        this.#rules.splice(index, 1);
        this.#forget(rule.id);
      } else this.#rules[index] = { ...rule, times: rule.times - 1 };
    }
    return takenFault(rule.id, rule, rule.times);
  }

  #forget(id: string): void {
    this.bytes -= this.#sizes.get(id) ?? 0;
    this.#sizes.delete(id);
  }
}
