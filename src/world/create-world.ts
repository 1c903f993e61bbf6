import type { Fixtures } from './records.js';
import { World } from './world.js';

/** How generated records are asked for (`--generate-users`, `--seed`). */
export interface GenerateOptions {
  /** How many users to add beside the fixtures. */
  readonly users: number;
  readonly seed: number;
  /** Also add a customer member in the first company for each generated user. */
  readonly members?: boolean;
}

/** The World from loaded fixtures plus, when asked, generated records (faker is loaded only then: the browser build has none). */
export async function createWorld(fixtures: Fixtures, generate?: GenerateOptions): Promise<World> {
  if (generate === undefined || generate.users <= 0) return new World(fixtures);
  const { generateUsers, generateMembers } = await import('./generate-users.js');
  const users = generateUsers(generate.users, generate.seed, fixtures);
  // A different seed stream from the users', so asking for members does not change the users.
  const members = generate.members === true ? generateMembers(users, generate.seed + 1, fixtures) : [];
  return new World({ ...fixtures, users: [...fixtures.users, ...users], members: [...fixtures.members, ...members] });
}
