import { COLLECT_AFTER_USERS, collectGarbage } from './collect-garbage.js';
import type { Fixtures } from './records.js';
import { World } from './world.js';

export interface GenerateOptions {
  /** How many users to add beside the fixtures. */
  readonly users: number;
  readonly seed: number;
  /** Also add a customer member in the first company for each generated user. */
  readonly members?: boolean;
}

/**
 * The World from loaded fixtures, plus generated users (and their members) when asked. The
 * generator (and faker with it) is loaded only then: most servers never need it, and loading
 * faker would cost every start-up.
 */
export async function createWorld(fixtures: Fixtures, generate?: GenerateOptions): Promise<World> {
  if (generate === undefined || generate.users <= 0) return new World(fixtures);
  const [{ generateUsers }, { generateMembers }] = await Promise.all([import('./generate-users.js'), import('./generate-members.js')]);
  const users = generateUsers(generate.users, generate.seed, fixtures);
  // A different seed stream for members, so asking for members does not change the users.
  const members = generate.members === true ? generateMembers(users, generate.seed + 1, fixtures) : [];
  const world = new World({ ...fixtures, users: [...fixtures.users, ...users], members: [...fixtures.members, ...members] });
  if (generate.users >= COLLECT_AFTER_USERS) collectGarbage();
  return world;
}
