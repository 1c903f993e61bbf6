import type { Fault, FaultRule, FaultTarget, Faults } from '../simulation/fault-list.js';
import type { StoreClient } from './redis-client.js';

type Reply = string | number | null | Reply[];

/**
 * One session's fault rules in Redis. `take` is one script (match, count a use, remove a used-up
 * rule) so a rule for N requests fires N times across every replica; a session whose open saw
 * no rules takes none without a round trip.
 */
export class RedisFaults implements Faults {
  constructor(
    private readonly client: StoreClient,
    private readonly prefix: string,
    private readonly name: string,
    /** Rules the session had when it was opened for this request. */
    private readonly count: number,
    /** Called when the session is gone (evicted, reset meanwhile): opens it again. */
    private readonly reopen: () => Promise<unknown>,
  ) {}

  async add(rule: FaultRule): Promise<Fault> {
    const { times, ...rest } = structuredClone(rule);
    const match = `${rule.operationId ?? ''}\n${rule.method?.toUpperCase() ?? ''}\n${rule.path ?? ''}`;
    const args = [this.prefix, this.name, JSON.stringify(rest), match, times === undefined ? '' : String(times)];
    let id = await this.client.run('wmAddFault', args);
    if (id === null) {
      await this.reopen();
      id = await this.client.run('wmAddFault', args);
    }
    return { id: String(id), ...rest, ...(times === undefined ? {} : { times }) };
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

  take(target: FaultTarget): Fault | undefined | Promise<Fault | undefined> {
    if (this.count === 0) return undefined;
    return this.client.run('wmTakeFault', [this.prefix, this.name, target.operationId, target.method, target.template, target.path]).then((reply: Reply) => {
      if (!Array.isArray(reply)) return undefined;
      const [id, json, times] = reply as string[];
      return faultOf(id as string, json as string, times as string);
    });
  }
}

function faultOf(id: string, json: string, times: string): Fault {
  return { id, ...(JSON.parse(json) as FaultRule), ...(times === '' ? {} : { times: Number(times) }) };
}
