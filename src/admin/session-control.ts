import { ApiError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import type { JournalEntry } from '../journal/journal-entry.js';
import type { JournalFilter } from '../journal/journal.js';
import { isPromise, type MaybePromise } from '../sessions/maybe-promise.js';
import type { SessionStore, StoredSession } from '../sessions/session-store.js';
import type { Fault, FaultRule } from '../simulation/fault-list.js';
import { FixtureError } from '../store/fixture-error.js';
import type { RecordValidators } from '../store/record-validators.js';
import type { Fixtures } from '../store/records.js';
import { registerToken, type TokenRegistration } from './register-token.js';
import { seedRecord, type SeedKind, type SeedRecord } from './seed-record.js';

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

const ALL = { limit: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY };

/** `fn(value)` now when the value is here, later when it is a promise. */
export function andThen<T, R>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(fn) : fn(value);
}

/**
 * Everything /__mock does to one session, over the store: at once with the memory store, later
 * with Redis. The synchronous MockSession and the AsyncMockSession are thin faces of this; the
 * HTTP endpoints await it. Each call looks the session up by name, so a handle keeps working
 * after a reset or an eviction (the session then starts again from the fixtures).
 */
export class SessionControl {
  constructor(
    readonly name: string,
    readonly deps: ControlDeps,
  ) {}

  open(): MaybePromise<StoredSession> {
    return this.deps.store.open(this.name);
  }

  reset(): MaybePromise<void> {
    return this.deps.store.reset(this.name);
  }

  seed<K extends SeedKind>(kind: K, record: unknown): MaybePromise<SeedRecord<K>> {
    return this.deps.store.write(this.name, (state) => seedRecord(state, kind, record, this.deps.records));
  }

  registerToken(grant: unknown): MaybePromise<string> {
    return this.deps.store.write(this.name, (state) => registerToken(state, grant as TokenRegistration, this.deps.records, this.deps.knownScopes));
  }

  state(): MaybePromise<Fixtures> {
    return andThen(this.open(), (session) => session.state.toJSON());
  }

  /** Replaces the session's world with a posted one (checked like the fixtures; a 400 naming the record and field). */
  restore(world: unknown): MaybePromise<void> {
    let checked: Fixtures;
    try {
      checked = this.deps.checkWorld(world);
    } catch (error) {
      throw stateError(error);
    }
    return this.deps.store.restore(this.name, checked);
  }

  requests(filter: JournalFilter): MaybePromise<JournalEntry[]> {
    return andThen(this.open(), (session) => andThen(session.extras.journal.page(filter, ALL), (page) => page.entries.map((entry) => JSON.parse(entry) as JournalEntry)));
  }

  clearRequests(): MaybePromise<number> {
    return andThen(this.open(), (session) => session.extras.journal.clear());
  }

  addFault(rule: unknown): MaybePromise<Fault> {
    const checked = this.deps.checkFault(rule);
    return andThen(this.open(), (session) => session.extras.faults.add(checked));
  }

  faults(): MaybePromise<Fault[]> {
    return andThen(this.open(), (session) => session.extras.faults.list());
  }

  /** Removes one rule; a 404 when the session has none with that id. */
  removeFault(id: string): MaybePromise<void> {
    return andThen(this.open(), (session) =>
      andThen(session.extras.faults.remove(id), (removed) => {
        if (!removed) throw errors.faultNotFound(id);
      }),
    );
  }

  clearFaults(): MaybePromise<number> {
    return andThen(this.open(), (session) => session.extras.faults.clear());
  }
}

/** A problem with a posted world as a 400 naming the record and field (`users.3.username`). */
function stateError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof FixtureError) {
    const location = error.location;
    const pointer = location === undefined ? [] : location.pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    const param = location === undefined ? error.file : [error.file, String(location.index), ...pointer].join('.');
    return errors.stateInvalid(param, error.message);
  }
  if (error instanceof Error) return errors.stateInvalid('body', error.message);
  return error;
}
