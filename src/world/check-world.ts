import { FixtureError } from './fixture-error.js';
import { fixtureKindNames } from './fixture-kinds.js';
import { parseFixtures } from './load-fixtures.js';
import type { RecordValidators } from './record-validators.js';
import type { Fixtures, FixtureKind } from './records.js';

/** A posted world (shaped like `GET /__mock/state`) checked as fixtures are; errors name the kind as file. */
export function checkWorld(input: unknown, validators: RecordValidators): Fixtures {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FixtureError('world', `must be a JSON object with one array per kind (${fixtureKindNames.join(', ')}), as GET /__mock/state answers`);
  }
  const world = input as Record<string, unknown>;
  for (const key of Object.keys(world)) {
    if (!(fixtureKindNames as readonly string[]).includes(key)) throw new FixtureError(key, `is not a kind of record; expected ${fixtureKindNames.join(', ')}`);
  }
  const texts = Object.fromEntries(fixtureKindNames.map((kind) => [kind, world[kind] === undefined ? undefined : JSON.stringify(world[kind])])) as Record<FixtureKind, string | undefined>;
  return parseFixtures({ texts, fileOf: (kind) => kind }, validators);
}
