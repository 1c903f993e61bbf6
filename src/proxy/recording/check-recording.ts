import { join } from 'node:path';
import type { Bundle } from '../../bundle/bundle.js';
import { checkFixtureViews } from '../../bundle/check-fixture-views.js';
import { checkTokenScopes } from '../../bundle/check-token-scopes.js';
import { createWorld } from '../../world/create-world.js';
import { readFixtureFiles } from '../../bundle/fixture-files.js';
import { fixtureKindNames, fixtureKinds } from '../../world/fixture-kinds.js';
import { parseFixtures } from '../../world/load-fixtures.js';
import type { FixtureKind } from '../../world/records.js';
import type { FixtureCheck } from './recorder.js';

/** The start-up checks of `--fixtures <dir>`, run on a recording: one that would not start is not written. */
export function checkRecording({ spec, validators, records }: Pick<Bundle, 'spec' | 'validators' | 'records'>): FixtureCheck {
  return async (dir, texts) => {
    const existing = readFixtureFiles(dir);
    const merged = {} as Record<FixtureKind, string | undefined>;
    for (const kind of fixtureKindNames) merged[kind] = texts[kind] ?? existing.texts[kind];
    const fixtures = parseFixtures({ texts: merged, fileOf: (kind) => join(dir, fixtureKinds[kind].file) }, records);
    const world = await createWorld(fixtures);
    checkFixtureViews(spec, validators, world, fixtures.users.map((user) => user.id), dir);
    checkTokenScopes(spec, fixtures.tokens, dir);
  };
}
