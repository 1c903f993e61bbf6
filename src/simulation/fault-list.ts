import type { MaybePromise } from '../sessions/maybe-promise.js';

/**
 * A fault rule: which requests it matches and what it does to them. Selectors left out match
 * anything; a rule with none matches every API request of the session.
 */
export interface FaultRule {
  /** Match this operation (in any API version). */
  readonly operationId?: string;
  /** Match this HTTP method (case-insensitive). */
  readonly method?: string;
  /** A path template (`/users/{id}`) or a concrete path (`/users/user_alex123`), without /api/v1. */
  readonly path?: string;
  /** Answer with this status: with `body`, that body; without, the Whop envelope for the status. */
  readonly status?: number;
  readonly body?: unknown;
  /** Wait this long first (at most MAX_DELAY_MS). */
  readonly delay_ms?: number;
  /** Close the connection without answering. */
  readonly drop?: true;
  /** Apply to the next N matching requests only, then disappear. Default: until cleared. */
  readonly times?: number;
}

/** A stored rule: `times` is what is left. */
export interface Fault extends FaultRule {
  readonly id: string;
}

/** What a rule is matched against: the routed operation and the path as requested. */
export interface FaultTarget {
  readonly operationId: string;
  readonly method: string;
  /** The operation's path template. */
  readonly template: string;
  readonly path: string;
}

/**
 * One session's fault rules, wherever they are kept: in memory (FaultList, answering at once) or
 * in Redis (src/redis/redis-faults.ts, where `take` is one atomic script, so a rule for the next
 * N requests fires N times across every replica).
 */
export interface Faults {
  add(rule: FaultRule): MaybePromise<Fault>;
  list(): MaybePromise<Fault[]>;
  /** Removes every rule; returns how many there were. */
  clear(): MaybePromise<number>;
  /** The first rule matching the request, counting one use of it (a rule used up is removed). */
  take(target: FaultTarget): MaybePromise<Fault | undefined>;
  /** Removes one rule; whether there was one with that id. */
  remove(id: string): MaybePromise<boolean>;
}

/** One session's fault rules in memory, in the order added; the first matching rule applies. */
export class FaultList implements Faults {
  #rules: Fault[] = [];
  #next = 1;

  add(rule: FaultRule): Fault {
    // A copy, so a caller changing its rule object later does not change the stored one.
    const fault: Fault = { id: `flt_${this.#next++}`, ...structuredClone(rule) };
    this.#rules.push(fault);
    return fault;
  }

  list(): Fault[] {
    return [...this.#rules];
  }

  /** Removes one rule; returns whether there was one with that id. */
  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((rule) => rule.id !== id);
    return this.#rules.length < before;
  }

  /** Removes every rule; returns how many there were. */
  clear(): number {
    const count = this.#rules.length;
    this.#rules = [];
    return count;
  }

  /** The first rule matching the request, counting one use of it (a rule used up is removed). */
  take(target: FaultTarget): Fault | undefined {
    // Most sessions have no rules: no search (and no closure) per request then.
    if (this.#rules.length === 0) return undefined;
    const index = this.#rules.findIndex((rule) => matches(rule, target));
    const rule = this.#rules[index];
    if (rule === undefined) return undefined;
    if (rule.times !== undefined) {
      if (rule.times <= 1) this.#rules.splice(index, 1);
      else this.#rules[index] = { ...rule, times: rule.times - 1 };
    }
    return rule;
  }
}

export function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.operationId !== undefined && rule.operationId !== target.operationId) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== target.method) return false;
  if (rule.path !== undefined && rule.path !== target.template && rule.path !== target.path) return false;
  return true;
}
