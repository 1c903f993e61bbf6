import { errors } from '../../kernel/catalogue.js';
import { faultRuleJson, usesOf, type Fault, type FaultRule, type FaultTarget, type Faults } from '../fault-list.js';
import { matches, takenFault, type TakenFault } from '../fault-match.js';
import type { Reply, StoreClient } from './redis-client.js';

/**
 * One session's fault rules in Redis. `take` matches them here (selectors reach into the query,
 * headers and body, which a script should not parse), then takes one use of the first match still
 * there with one script. A session whose open saw no rules takes none without a round trip.
 */
export class RedisFaults implements Faults {
  constructor(
    private readonly client: StoreClient,
    private readonly prefix: string,
    private readonly name: string,
    /** Rules the session had when it was opened for this request. */
    private readonly count: number,
    /** The session's byte budget (records and rules together) and most rules (--max-fault-rules). */
    private readonly bounds: { readonly byteLimit: number; readonly maxRules: number },
    /** Called when the session is gone (evicted, reset meanwhile): opens it again. */
    private readonly reopen: () => Promise<unknown>,
  ) {}

  get empty(): boolean {
    return this.count === 0;
  }

  async add(rule: FaultRule): Promise<Fault> {
    const json = faultRuleJson(rule);
    const times = String(usesOf(rule) ?? '');
    const args = [this.prefix, this.name, json, times, this.bounds.byteLimit, this.bounds.maxRules];
    let id = (await this.client.run('wmAddFault', args)) as Reply;
    if (id === null) {
      await this.reopen();
      id = (await this.client.run('wmAddFault', args)) as Reply;
    }
    // The script checked the bounds against what the store holds (every replica's rules and writes).
    if (Array.isArray(id)) throw id[0] === 'many' ? errors.faultRulesFull(this.bounds.maxRules) : errors.sessionFull(this.bounds.byteLimit, Number(id[1]));
    return faultOf(String(id), json, times);
  }

  async list(): Promise<Fault[]> {
    const flat = (await this.client.run('wmListFaults', [this.prefix, this.name])) as string[];
    const rules: Fault[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3) rules.push(faultOf(flat[i] as string, flat[i + 1] as string, flat[i + 2] as string));
    return rules;
  }

  async remove(id: string): Promise<boolean> {
    return Number(await this.client.run('wmRemoveFault', [this.prefix, this.name, id])) === 1;
  }

  async clear(): Promise<number> {
    return Number(await this.client.run('wmClearFaults', [this.prefix, this.name]));
  }

  async take(target: FaultTarget): Promise<TakenFault | undefined> {
    if (this.count === 0) return undefined;
    const candidates = (await this.list()).filter((rule) => matches(rule, target)).map((rule) => rule.id);
    if (candidates.length === 0) return undefined;
    const reply = (await this.client.run('wmTakeFault', [this.prefix, this.name, ...candidates])) as Reply;
    if (!Array.isArray(reply)) return undefined;
    const rule = faultOf(...(reply as [string, string, string]));
    return takenFault(rule.id, rule, rule.times);
  }
}

function faultOf(id: string, json: string, times: string): Fault {
  return { id, ...(JSON.parse(json) as FaultRule), ...(times === '' ? {} : { times: Number(times) }) };
}
