import { errors } from '../errors/catalogue.js';
import type { JournalEntry } from '../journal/journal-entry.js';
import type { JournalFilter } from '../journal/journal.js';
import type { SessionExtras } from '../sessions/session-extras.js';
import type { Fault, FaultRule } from '../simulation/fault-list.js';
import type { RecordValidators } from '../store/record-validators.js';
import type { CompanyRecord, Fixtures, MemberRecord, UserRecord } from '../store/records.js';
import type { Session, SessionRegistry } from '../store/session-registry.js';
import { registerToken, type TokenRegistration } from './register-token.js';
import { seedRecord, type SeedKind, type SeedRecord } from './seed-record.js';

/** What every session handle of one server shares. */
export interface ControlDeps {
  readonly sessions: SessionRegistry<SessionExtras>;
  readonly records: RecordValidators;
  /** Turns a posted fault rule into a stored one, or throws a 400 naming the field. */
  readonly checkFault: (input: unknown) => FaultRule;
  /** Every scope some operation (or field) of the specs asks for. */
  readonly knownScopes: ReadonlySet<string>;
}

/**
 * A typed handle on one session: everything the /__mock endpoints do, without HTTP. The
 * endpoints call these same methods. Each call looks the session up by name, so a handle keeps
 * working after a reset or an eviction (the session then starts again from the fixtures).
 * Invalid input throws the same ApiError the endpoint would answer with.
 */
export class MockSession {
  readonly name: string;
  /** Spread into a client's headers (e.g. the SDK's `defaultHeaders`) to talk to this session. */
  readonly headers: Readonly<{ 'X-Mock-Session': string }>;
  readonly #deps: ControlDeps;

  constructor(name: string, deps: ControlDeps) {
    this.name = name;
    this.headers = Object.freeze({ 'X-Mock-Session': name });
    this.#deps = deps;
  }

  /** Back to the fixtures: the world, the journal and the fault rules. */
  reset(): void {
    // The old journal's entries leave the process's journal budget now, not when evicted.
    this.#session().extras.journal.clear();
    this.#deps.sessions.reset(this.name);
  }

  /** Creates or replaces a record of a kind; the HTTP endpoints' entry (the body is unchecked input). */
  seed<K extends SeedKind>(kind: K, record: unknown): SeedRecord<K> {
    return seedRecord(this.#session().state, kind, record, this.#deps.records);
  }

  seedUser(record: UserRecord): UserRecord {
    return this.seed('users', record);
  }

  seedMember(record: MemberRecord): MemberRecord {
    return this.seed('members', record);
  }

  seedCompany(record: CompanyRecord): CompanyRecord {
    return this.seed('companies', record);
  }

  /** Registers a bearer token; returns it (generated when `grant.token` is left out). */
  registerToken(grant: TokenRegistration): string {
    return registerToken(this.#session().state, grant, this.#deps.records, this.#deps.knownScopes);
  }

  /** The session's world, shaped like the fixtures. */
  state(): Fixtures {
    return this.#session().state.toJSON();
  }

  /** Journaled API requests, oldest first (every one the journal keeps; HTTP pages them). */
  requests(filter: JournalFilter = {}): JournalEntry[] {
    const page = this.#session().extras.journal.page(filter, { limit: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
    return page.entries.map((entry) => JSON.parse(entry) as JournalEntry);
  }

  /** Empties the journal; returns how many entries it held. */
  clearRequests(): number {
    return this.#session().extras.journal.clear();
  }

  /** Adds a fault rule (checked like POST /__mock/faults); returns it with its id. */
  addFault(rule: FaultRule): Fault {
    const checked = this.#deps.checkFault(rule);
    return this.#session().extras.faults.add(checked);
  }

  faults(): Fault[] {
    return this.#session().extras.faults.list();
  }

  /** Removes one fault rule; a 404 `mock_fault_not_found` when the session has none with that id. */
  removeFault(id: string): void {
    if (!this.#session().extras.faults.remove(id)) throw errors.faultNotFound(id);
  }

  /** Removes every fault rule; returns how many there were. */
  clearFaults(): number {
    return this.#session().extras.faults.clear();
  }

  #session(): Session<SessionExtras> {
    return this.#deps.sessions.session(this.name);
  }
}
