import type { CollectionBase } from './collection-base.js';
import { Collection } from './collection.js';
import { fixtureKindNames } from './fixture-kinds.js';
import type { Fixtures, FixtureKind, KindRecords } from './records.js';
import { WriteLedger, type RecordWrite } from './write-ledger.js';

/** The World's frozen base collection of each kind; a WorldState lays a session's view over them. */
export type WorldBases = { readonly [K in FixtureKind]: CollectionBase<Fixtures[K][number]> };

/** A copy-on-write Collection per kind of record (`state.users`, `state.members`, ...). */
export type WorldCollections = { readonly [K in FixtureKind]: Collection<KindRecords[K]> };

// The collections are made from the kinds registry; the interface gives them their names and types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface WorldState extends WorldCollections {}

/** One session's mutable world: a copy-on-write Collection per kind over the shared World's bases. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class WorldState {
  /** What the session's own records hold, under its byte budget; the writes of one request. */
  readonly ledger: WriteLedger;

  /** `beside`: what the session holds outside its records against the same budget (its fault rules). */
  constructor(bases: WorldBases, byteLimit?: number, beside?: { readonly bytes: number }) {
    this.ledger = new WriteLedger(byteLimit, beside);
    for (const kind of fixtureKindNames) (this as Record<string, unknown>)[kind] = new Collection<object>(bases[kind] as CollectionBase<object>, this.ledger);
  }

  /** Loads records as a store committed them (a snapshot's diff, another replica's writes), unchecked. */
  apply(writes: Iterable<RecordWrite>): void {
    for (const write of writes) {
      if ((fixtureKindNames as readonly string[]).includes(write.kind)) (this[write.kind as FixtureKind] as Collection<object>).apply(write.key, write.json);
    }
  }

  /** Every record in this session, shaped like the fixtures; walks every collection (not for the request path). */
  toJSON(): Fixtures {
    return Object.fromEntries(fixtureKindNames.map((kind) => [kind, [...this[kind].values()]])) as unknown as Fixtures;
  }
}
