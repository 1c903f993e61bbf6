import { pointerKeys } from '../kernel/json-pointer.js';
import { ApiError } from '../kernel/api-error.js';
import { errors } from '../kernel/catalogue.js';
import type { JournalEntry } from '../state/journal/journal-entry.js';
import type { JournalFilter } from '../state/journal/journal.js';
import { isPromise, type MaybePromise } from '../state/maybe-promise.js';
import type { Fault, FaultRule } from '../state/fault-list.js';
import type { SessionStore, StoredSession } from '../state/session-store.js';
import { FixtureError } from '../world/fixture-error.js';
import type { RecordValidators } from '../world/record-validators.js';
import type { CompanyRecord, FixtureKind, Fixtures, MemberRecord, UserRecord } from '../world/records.js';
import { registerToken, type TokenRegistration } from './register-token.js';
import { seedRecord, type SeedRecord } from './seed-record.js';
import type { TypedFaultRule } from './typed-fault-rule.js';

/**
 * A typed handle on one session: what the /__mock endpoints do, throwing their ApiErrors, without
 * HTTP. `server.session(name)` answers at once (memory store); `sessionAsync` with promises (any store).
 */
export interface MockSession {
  readonly name: string;
  /** Spread into a client's headers (e.g. the SDK's `defaultHeaders`) to talk to this session. */
  readonly headers: Readonly<{ 'X-Mock-Session': string }>;
  /** Back to the fixtures: the world, the journal and the fault rules. */
  reset(): void;
  /**
   * Creates or replaces a record of any kind, checked like the fixtures; the HTTP endpoints' entry
   * (`POST /__mock/<kind>` for the kinds the registry marks `seed`; the body is unchecked input).
   */
  seed<K extends FixtureKind>(kind: K, record: unknown): SeedRecord<K>;
  /** Creates a user from the fields given (the rest deterministic defaults), or changes those of user `id`. */
  seedUser(record: Partial<UserRecord>): UserRecord;
  /** Likewise for a member (of the session's first company, a customer who joined, unless told otherwise). */
  seedMember(record: Partial<MemberRecord>): MemberRecord;
  /** Likewise for a company (route and id from the title). */
  seedCompany(record: Partial<CompanyRecord>): CompanyRecord;
  /** Registers a bearer token; returns it (generated when `grant.token` is left out). */
  registerToken(grant: TokenRegistration): string;
  /** The session's world, shaped like the fixtures (and like `restore`'s argument). */
  state(): Fixtures;
  /** Replaces the session's world, checked like the fixtures (else a 400); journal and faults stay. */
  restore(world: Fixtures): void;
  /** Journaled API requests, oldest first (every one the journal keeps; HTTP pages them). */
  requests(filter?: JournalFilter): JournalEntry[];
  /** Empties the journal; returns how many entries it held. */
  clearRequests(): number;
  /** Adds a fault rule (checked like POST /__mock/faults, typed from the bundled specs); returns it. */
  addFault(rule: TypedFaultRule): Fault;
  faults(): Fault[];
  /** Removes one fault rule; a 404 `mock_fault_not_found` when the session has none with that id. */
  removeFault(id: string): void;
  /** Removes every fault rule; returns how many there were. */
  clearFaults(): number;
}

export type AsyncMockSession = {
  readonly [K in keyof MockSession]: MockSession[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : MockSession[K];
};

/** What every session handle of one server shares. */
export interface ControlDeps {
  readonly store: SessionStore;
  readonly records: RecordValidators;
  /** Turns a posted fault rule into a stored one, or throws a 400 naming the field. */
  readonly checkFault: (input: unknown) => FaultRule;
  /** Turns a posted world into checked fixtures exactly as start-up checks the fixtures, or throws. */
  readonly checkWorld: (input: unknown) => Fixtures;
  /** Every scope some operation (or field) of the specs asks for. */
  readonly knownScopes: ReadonlySet<string>;
}

/** The handle /__mock and a state file use: what they pass is unchecked input, checked by each method (else a 400). */
export type SessionControl = Omit<AsyncMockSession, 'registerToken' | 'restore' | 'addFault'> & {
  registerToken(grant: unknown): Promise<string>;
  restore(world: unknown): Promise<void>;
  addFault(rule: unknown): Promise<Fault>;
};

const ALL = { limit: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY };

const ASYNC_ONLY = 'server.session(name) answers at once, which only the memory store can do; with --store redis use server.sessionAsync(name), whose methods return promises';

/** `fn(value)` now when the value is here, later when it is a promise. */
export function andThen<T, R>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(fn) : fn(value);
}

/**
 * Everything /__mock does to one session (at once in memory, later with Redis), each method
 * answered at once (`now`) or as a promise; the endpoints use the latter. Each call looks the
 * session up by name, so a handle survives a reset.
 */
export function sessionHandle(name: string, deps: ControlDeps, now: true): MockSession;
export function sessionHandle(name: string, deps: ControlDeps, now: false): AsyncMockSession;
export function sessionHandle(name: string, deps: ControlDeps, now: boolean): MockSession | AsyncMockSession {
  const { store } = deps;
  const answer = <T>(call: () => MaybePromise<T>): T | Promise<T> => {
    // A promise either way: one thrown at once rejects it.
    if (!now) return (async () => call())();
    if (store.kind !== 'memory') throw new Error(ASYNC_ONLY);
    const value = call();
    if (isPromise(value)) throw new Error(ASYNC_ONLY);
    return value;
  };
  const opened = <T>(fn: (session: StoredSession) => MaybePromise<T>) => answer(() => andThen(store.open(name), fn));
  const seed = (kind: FixtureKind, record: unknown) => answer(() => store.write(name, (state) => seedRecord(state, kind, record, deps.records)));
  return {
    name,
    headers: Object.freeze({ 'X-Mock-Session': name }),
    reset: () => answer(() => store.reset(name)),
    seed,
    seedUser: (record: Partial<UserRecord>) => seed('users', record),
    seedMember: (record: Partial<MemberRecord>) => seed('members', record),
    seedCompany: (record: Partial<CompanyRecord>) => seed('companies', record),
    registerToken: (grant: TokenRegistration) => answer(() => store.write(name, (state) => registerToken(state, grant, deps.records, deps.knownScopes))),
    state: () => opened((session) => session.state.toJSON()),
    restore: (world: Fixtures) => answer(() => store.restore(name, checkedWorld(deps, world))),
    requests: (filter: JournalFilter = {}) =>
      opened((session) => andThen(session.extras.journal.page(filter, ALL), (page) => page.entries.map((entry) => JSON.parse(entry) as JournalEntry))),
    clearRequests: () => opened((session) => session.extras.journal.clear()),
    addFault: (rule: TypedFaultRule) =>
      answer(() => {
        const checked = deps.checkFault(rule);
        return andThen(store.open(name), (session) => session.extras.faults.add(checked, session.state.ledger));
      }),
    faults: () => opened((session) => session.extras.faults.list()),
    removeFault: (id: string) =>
      opened((session) =>
        andThen(session.extras.faults.remove(id), (removed) => {
          if (!removed) throw errors.faultNotFound(id);
        }),
      ),
    clearFaults: () => opened((session) => session.extras.faults.clear()),
  } as MockSession | AsyncMockSession;
}

/** A posted world checked, or a 400 naming the record and field (`users.3.username`). */
function checkedWorld(deps: ControlDeps, world: unknown): Fixtures {
  try {
    return deps.checkWorld(world);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof FixtureError) {
      const { file, location } = error;
      throw errors.stateInvalid(location === undefined ? file : [file, String(location.index), ...pointerKeys(location.pointer)].join('.'), error.message);
    }
    if (error instanceof Error) throw errors.stateInvalid('body', error.message);
    throw error;
  }
}
