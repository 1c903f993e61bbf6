import { CollectionBase } from './collection-base.js';
import { fixtureKindNames, fixtureKinds } from './fixture-kinds.js';
import type { Fixtures, FixtureKind } from './records.js';
import { WorldState, type WorldBases } from './world-state.js';

/** The starting world, frozen in shared base collections; sessions are O(1) views of it. */
export class World {
  readonly bases: WorldBases;

  constructor(fixtures: Fixtures) {
    const base = <K extends FixtureKind>(kind: K): WorldBases[K] => {
      const rule = fixtureKinds[kind];
      type Row = Fixtures[K][number];
      // TypeScript cannot correlate kind, rule and records across the K union; they match by construction.
      return new CollectionBase<Row>(kind, rule.key as keyof Row & string, fixtures[kind] as Iterable<Row>, rule.unique) as WorldBases[K];
    };
    this.bases = Object.fromEntries(fixtureKindNames.map((kind) => [kind, base(kind)])) as unknown as WorldBases;
  }

  /** A fresh view for one session; `byteLimit` bounds its own records plus what it holds `beside` them. */
  createState(byteLimit?: number, beside?: { readonly bytes: number }): WorldState {
    return new WorldState(this.bases, byteLimit, beside);
  }
}
