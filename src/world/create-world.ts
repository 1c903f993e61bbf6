import { fixtureKindNames } from './fixture-kinds.js';
import type { Fixtures, FixtureKind, KindRecords } from './records.js';
import { World } from './world.js';

/** How generated records are asked for (`--generate-users`, `--seed`). */
export interface GenerateOptions {
  /** How many users to add beside the fixtures. */
  readonly users: number;
  readonly seed: number;
  /** Also add a customer member in the first company for each generated user. */
  readonly members?: boolean;
}

type KindGenerator<K extends FixtureKind> = (fixtures: Fixtures, options: GenerateOptions, generated: Partial<Fixtures>) => Promise<readonly KindRecords[K][]>;

/** The kinds that generate records, on demand (outside the registry: the browser build has no faker). */
const kindGenerators: { readonly [K in FixtureKind]?: KindGenerator<K> } = {
  users: async (fixtures, { users, seed }) => (users > 0 ? (await import('./generate-users.js')).generateUsers(users, seed, fixtures) : []),
  // A different seed stream from the users', so asking for members does not change the users.
  members: async (fixtures, { seed, members }, generated) =>
    members === true && generated.users !== undefined ? (await import('./generate-users.js')).generateMembers(generated.users, seed + 1, fixtures) : [],
};

/** The World from loaded fixtures plus, when asked, generated records (faker is loaded only then). */
export async function createWorld(fixtures: Fixtures, generate?: GenerateOptions): Promise<World> {
  if (generate === undefined || generate.users <= 0) return new World(fixtures);
  const generated: Record<string, readonly unknown[]> = {};
  for (const kind of fixtureKindNames) {
    const records = await kindGenerators[kind]?.(fixtures, generate, generated);
    if (records !== undefined && records.length > 0) generated[kind] = records;
  }
  const merged = Object.fromEntries(fixtureKindNames.map((kind) => [kind, [...fixtures[kind], ...(generated[kind] ?? [])]]));
  return new World(merged as unknown as Fixtures);
}
