import type { JournalEntry } from '../journal/journal-entry.js';
import type { JournalFilter } from '../journal/journal.js';
import type { Fault, FaultRule } from '../simulation/fault-list.js';
import type { CompanyRecord, Fixtures, MemberRecord, UserRecord } from '../store/records.js';
import type { TokenRegistration } from './register-token.js';
import type { SeedKind, SeedRecord } from './seed-record.js';
import type { SessionControl } from './session-control.js';

/**
 * MockSession with promises: the handle for any store (`server.sessionAsync(name)`), needed with
 * a store kept elsewhere (Redis), where every call is a round trip. Same methods, same errors
 * (as rejections).
 */
export class AsyncMockSession {
  readonly name: string;
  readonly headers: Readonly<{ 'X-Mock-Session': string }>;
  readonly #control: SessionControl;

  constructor(control: SessionControl) {
    this.name = control.name;
    this.headers = Object.freeze({ 'X-Mock-Session': control.name });
    this.#control = control;
  }

  async reset(): Promise<void> {
    await this.#control.reset();
  }

  async seed<K extends SeedKind>(kind: K, record: unknown): Promise<SeedRecord<K>> {
    return this.#control.seed(kind, record);
  }

  seedUser(record: UserRecord): Promise<UserRecord> {
    return this.seed('users', record);
  }

  seedMember(record: MemberRecord): Promise<MemberRecord> {
    return this.seed('members', record);
  }

  seedCompany(record: CompanyRecord): Promise<CompanyRecord> {
    return this.seed('companies', record);
  }

  async registerToken(grant: TokenRegistration): Promise<string> {
    return this.#control.registerToken(grant);
  }

  async state(): Promise<Fixtures> {
    return this.#control.state();
  }

  async restore(world: Fixtures): Promise<void> {
    await this.#control.restore(world);
  }

  async requests(filter: JournalFilter = {}): Promise<JournalEntry[]> {
    return this.#control.requests(filter);
  }

  async clearRequests(): Promise<number> {
    return this.#control.clearRequests();
  }

  async addFault(rule: FaultRule): Promise<Fault> {
    return this.#control.addFault(rule);
  }

  async faults(): Promise<Fault[]> {
    return this.#control.faults();
  }

  /** Removes one fault rule; a 404 `mock_fault_not_found` when the session has none with that id. */
  async removeFault(id: string): Promise<void> {
    await this.#control.removeFault(id);
  }

  async clearFaults(): Promise<number> {
    return this.#control.clearFaults();
  }
}
