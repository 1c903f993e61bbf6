import type { JournalEntry } from '../journal/journal-entry.js';
import type { JournalFilter } from '../journal/journal.js';
import { isPromise, type MaybePromise } from '../sessions/maybe-promise.js';
import type { Fault, FaultRule } from '../simulation/fault-list.js';
import type { CompanyRecord, Fixtures, MemberRecord, UserRecord } from '../store/records.js';
import type { TokenRegistration } from './register-token.js';
import type { SeedKind, SeedRecord } from './seed-record.js';
import type { SessionControl } from './session-control.js';

/**
 * A typed handle on one session: everything the /__mock endpoints do, without HTTP, answered at
 * once. For the memory store (the default); with a store kept elsewhere use AsyncMockSession
 * (`server.sessionAsync(name)`), whose methods return promises. Invalid input throws the same
 * ApiError the endpoint would answer with.
 */
export class MockSession {
  readonly name: string;
  /** Spread into a client's headers (e.g. the SDK's `defaultHeaders`) to talk to this session. */
  readonly headers: Readonly<{ 'X-Mock-Session': string }>;
  readonly #control: SessionControl;

  constructor(control: SessionControl) {
    this.name = control.name;
    this.headers = Object.freeze({ 'X-Mock-Session': control.name });
    this.#control = control;
  }

  /** Back to the fixtures: the world, the journal and the fault rules. */
  reset(): void {
    now(this.#sync().reset());
  }

  /** Creates or replaces a record of a kind; the HTTP endpoints' entry (the body is unchecked input). */
  seed<K extends SeedKind>(kind: K, record: unknown): SeedRecord<K> {
    return now(this.#sync().seed(kind, record));
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
    return now(this.#sync().registerToken(grant));
  }

  /** The session's world, shaped like the fixtures (and like `restore`'s argument). */
  state(): Fixtures {
    return now(this.#sync().state());
  }

  /**
   * Replaces the session's world with `world` (shaped like `state()`; checked like the fixtures,
   * an ApiError 400 naming the record and field when it is not valid, and then nothing changes).
   * The journal and fault rules stay.
   */
  restore(world: Fixtures): void {
    now(this.#sync().restore(world));
  }

  /** Journaled API requests, oldest first (every one the journal keeps; HTTP pages them). */
  requests(filter: JournalFilter = {}): JournalEntry[] {
    return now(this.#sync().requests(filter));
  }

  /** Empties the journal; returns how many entries it held. */
  clearRequests(): number {
    return now(this.#sync().clearRequests());
  }

  /** Adds a fault rule (checked like POST /__mock/faults); returns it with its id. */
  addFault(rule: FaultRule): Fault {
    return now(this.#sync().addFault(rule));
  }

  faults(): Fault[] {
    return now(this.#sync().faults());
  }

  /** Removes one fault rule; a 404 `mock_fault_not_found` when the session has none with that id. */
  removeFault(id: string): void {
    now(this.#sync().removeFault(id));
  }

  /** Removes every fault rule; returns how many there were. */
  clearFaults(): number {
    return now(this.#sync().clearFaults());
  }

  #sync(): SessionControl {
    if (this.#control.deps.store.kind !== 'memory') throw new Error(ASYNC_ONLY);
    return this.#control;
  }
}

const ASYNC_ONLY = 'server.session(name) answers at once, which only the memory store can do; with --store redis use server.sessionAsync(name), whose methods return promises';

function now<T>(value: MaybePromise<T>): T {
  if (isPromise(value)) throw new Error(ASYNC_ONLY);
  return value;
}
