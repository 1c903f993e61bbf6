import { checkWorld } from '../world/check-world.js';
import { FixtureError } from '../world/fixture-error.js';
import type { Fixtures } from '../world/records.js';
import { World } from '../world/world.js';
import { checkFixtureViews } from './check-fixture-views.js';
import { checkTokenScopes } from './check-token-scopes.js';
import type { Bundle } from './bundle.js';

/**
 * A posted world (`PUT /__mock/state`) checked as the fixtures are at start: records, integrity,
 * token scopes, every user as each version serves it. Every problem is a FixtureError named by
 * kind (`users: record 2 (…)`), so the 400 names the field as `users.2.username`.
 */
export function checkPostedWorld(served: Pick<Bundle, 'spec' | 'validators' | 'records'>, input: unknown): Fixtures {
  const fixtures = checkWorld(input, served.records);
  try {
    checkTokenScopes(served.spec, fixtures.tokens, 'world');
    checkFixtureViews(served.spec, served.validators, new World(fixtures), fixtures.users.map((user) => user.id), 'world');
  } catch (error) {
    if (error instanceof FixtureError) throw new FixtureError(error.file.replace(/^world\/(\w+)\.json$/, '$1'), error.detail, error.location);
    throw error;
  }
  return fixtures;
}
