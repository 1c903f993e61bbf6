import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import { readSpecFiles } from '../openapi/spec-files.js';
import { checkFixtureViews } from '../server/check-fixture-views.js';
import { checkTokenScopes } from '../server/check-token-scopes.js';
import { createWorld } from '../store/create-world.js';
import { readFixtureFiles } from '../store/fixture-files.js';
import { parseFixtures } from '../store/load-fixtures.js';
import { recordsSchemaPath, type RecordValidators } from '../store/record-validators.js';
import type { World } from '../store/world.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import { ArtifactStore } from './artifact-store.js';
import { cacheDirs, PRECOMPILED_DIR } from './cache-dirs.js';
import { codeFingerprint } from './code-fingerprint.js';
import { compiledRecords } from './compiled-records.js';
import { compiledSpecs, type CompiledFrom } from './compiled-specs.js';
import { cached } from './process-cache.js';

export interface BundleOptions {
  readonly specs: string;
  readonly fixtures: string;
  readonly generateUsers: number;
  readonly seed: number;
  /** See cacheDirs: a folder, false for none, undefined for the default. */
  readonly cacheDir?: string | false | undefined;
}

/** Everything immutable a server is built on. Shared by every server built from the same inputs. */
export interface Bundle {
  readonly spec: CompiledSpec;
  readonly validators: SpecValidators;
  readonly records: RecordValidators;
  /** The frozen base world: fixtures (checked) plus generated records. */
  readonly world: World;
  /** The process-cache key of the world (see process-cache), so a reload can let go of the one it replaced. */
  readonly worldKey: string;
  /**
   * What the base world and the specs are made of (their files' content, the records schema, the
   * generate options), whatever folder they were read from: replicas sharing a store must agree on it.
   */
  readonly fingerprint: string;
  /** How this start got each part, for the debug log and tests. */
  readonly from: { readonly specs: CompiledFrom | 'memory'; readonly records: CompiledFrom | 'memory'; readonly world: 'built' | 'memory' };
}

/**
 * Reads the specs, the fixtures and the records schema (cheap: reading and hashing), then builds
 * what they describe only if this process has not built it already, and compiles the specs only
 * if no compiled form of them exists on disk. The checks that make a bad spec or fixture stop
 * start-up run whenever something is built: a world is reused only for the exact same fixture
 * files, records schema and specs that passed them.
 */
export async function loadBundle(options: BundleOptions): Promise<Bundle> {
  const specFiles = readSpecFiles(options.specs);
  const fixtureFiles = readFixtureFiles(options.fixtures);
  const schemaText = readFileSync(recordsSchemaPath, 'utf8');
  const code = await cached('fingerprint', import.meta.url, async () => codeFingerprint()).value;
  const store = new ArtifactStore(cacheDirs(options.cacheDir, process.cwd()));
  const isShipped = (dir: string) => dir === PRECOMPILED_DIR;
  const schemaHash = createHash('sha256').update(schemaText).digest('hex');
  // The spec holds display paths (messages name files as the user sees them): part of its key here.
  const specKey = `${code}:${specFiles.hash}:${specFiles.files.map((f) => f.file).join('\u0000')}`;
  const specs = cached('specs', specKey, async () => compiledSpecs(specFiles, store, isShipped, `specs:${code}:${specFiles.hash}`));
  const records = cached('records', `${code}:${schemaHash}`, async () => compiledRecords(schemaText, recordsSchemaPath, store, isShipped, `records:${code}:${schemaHash}`));
  const { spec, validators } = await specs.value;
  const recordValidators = (await records.value).validators;
  const worldKey = `${specKey}:${fixtureFiles.hash}:${schemaHash}:${options.generateUsers}:${options.seed}`;
  const world = cached('world', worldKey, async () => {
    const fixtures = parseFixtures(fixtureFiles, recordValidators);
    const built = await createWorld(fixtures, { users: options.generateUsers, seed: options.seed, members: true });
    checkFixtureViews(spec, validators, built, fixtures.users.map((u) => u.id), options.fixtures);
    checkTokenScopes(spec, fixtures.tokens, options.fixtures);
    return built;
  });
  const fingerprint = createHash('sha256').update(`${specFiles.hash}:${fixtureFiles.hash}:${schemaHash}:${options.generateUsers}:${options.seed}`).digest('hex').slice(0, 16);
  return {
    spec,
    validators,
    records: recordValidators,
    world: await world.value,
    worldKey,
    fingerprint,
    from: {
      specs: specs.hit ? 'memory' : (await specs.value).from,
      records: records.hit ? 'memory' : (await records.value).from,
      world: world.hit ? 'memory' : 'built',
    },
  };
}
