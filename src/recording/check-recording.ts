import { join } from 'node:path';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import { checkFixtureViews } from '../server/check-fixture-views.js';
import { checkTokenScopes } from '../server/check-token-scopes.js';
import { createWorld } from '../store/create-world.js';
import { readFixtureFiles } from '../store/fixture-files.js';
import { fixtureKindNames } from '../store/fixture-kinds.js';
import { parseFixtures } from '../store/load-fixtures.js';
import type { RecordValidators } from '../store/record-validators.js';
import type { FixtureKind } from '../store/records.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import type { FixtureCheck } from './recorder.js';

/**
 * The checks `whop-mock --fixtures <dir>` runs at start (records schema, integrity, every user as
 * each version serves it, token scopes), run on the recording before it is written: a recording
 * that would not start is not written, and the error names the file, the record and the field.
 */
export function checkRecording(spec: CompiledSpec, validators: SpecValidators, records: RecordValidators): FixtureCheck {
  return async (dir, texts) => {
    const existing = readFixtureFiles(dir);
    const merged = {} as Record<FixtureKind, string | undefined>;
    for (const kind of fixtureKindNames) merged[kind] = texts[kind] ?? existing.texts[kind];
    const fixtures = parseFixtures({ dir, texts: merged, hash: '', fileOf: (kind) => join(dir, `${kind}.json`) }, records);
    const world = await createWorld(fixtures);
    checkFixtureViews(spec, validators, world, fixtures.users.map((user) => user.id), dir);
    checkTokenScopes(spec, fixtures.tokens, dir);
  };
}
