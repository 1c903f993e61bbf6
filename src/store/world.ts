import { CollectionBase, type IndexRule } from './collection-base.js';
import { fixtureKindNames, fixtureKinds } from './fixture-kinds.js';
import type { Fixtures, FixtureKind } from './records.js';
import type { WorldBases } from './world-bases.js';
import { WorldState } from './world-state.js';

/**
 * The starting world: every fixture (and generated) record, frozen, in shared base collections.
 * Built once at start; sessions are cheap views of it (`createState`), so the world itself never
 * changes. Lookup indexes are the single-field unique rules of the fixture kinds (users by
 * username, companies by route), and tokens are keyed by the token string itself.
 */
export class World {
  readonly bases: WorldBases;

  constructor(fixtures: Fixtures) {
    const base = <K extends FixtureKind>(kind: K): WorldBases[K] => {
      const rule = fixtureKinds[kind];
      const indexes: IndexRule[] = rule.unique
        .filter((unique) => unique.fields.length === 1)
        .map((unique) => ({ field: unique.fields[0] ?? '', fold: unique.fold ?? false }));
      type Row = Fixtures[K][number];
      // TypeScript cannot correlate kind, rule and records across the K union; they match by construction.
      return new CollectionBase<Row>(kind, rule.key as keyof Row & string, fixtures[kind] as Iterable<Row>, indexes) as WorldBases[K];
    };
    this.bases = {
      companies: base('companies'),
      files: base('files'),
      users: base('users'),
      products: base('products'),
      experiences: base('experiences'),
      plans: base('plans'),
      promo_codes: base('promo_codes'),
      members: base('members'),
      tokens: base('tokens'),
    };
  }

  /**
   * A fresh mutable view for one session; O(1), copies no records. `byteLimit`: the most bytes
   * the session's own records may hold (unbounded when left out).
   */
  createState(byteLimit?: number): WorldState {
    return new WorldState(this.bases, byteLimit);
  }

  /** How many records of each kind the world starts with. */
  counts(): Record<FixtureKind, number> {
    return Object.fromEntries(fixtureKindNames.map((kind) => [kind, this.bases[kind].records.size])) as Record<FixtureKind, number>;
  }
}
