import type { CollectionBase } from './collection-base.js';
import type { Fixtures, FixtureKind } from './records.js';

/** The World's frozen base collection of each kind; a WorldState lays a session's view over them. */
export type WorldBases = { readonly [K in FixtureKind]: CollectionBase<Fixtures[K][number]> };
