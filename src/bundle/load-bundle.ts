import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSpecFiles } from './spec-files.js';
import { checkFixtureViews } from './check-fixture-views.js';
import { checkTokenScopes } from './check-token-scopes.js';
import { createWorld } from '../world/create-world.js';
import { readFixtureFiles } from './fixture-files.js';
import { parseFixtures } from '../world/load-fixtures.js';
import { ArtifactStore } from './artifact-store.js';
import { cacheDirs } from './cache-dirs.js';
import { compiledRecords, recordsSchemaPath } from './compiled-records.js';
import { compiledSpecs } from './compiled-specs.js';
import type { Bundle } from './bundle.js';
import { cached } from './process-cache.js';

export type { Bundle } from './bundle.js';

const require = createRequire(import.meta.url);

export interface BundleOptions {
  readonly specs: string;
  readonly fixtures: string;
  readonly generateUsers: number;
  readonly seed: number;
  /** See cacheDirs: a folder, false for none, undefined for the default. */
  readonly cacheDir?: string | false | undefined;
}

/** Reads specs, fixtures and records schema; builds (or compiles) only what this process (or disk) lacks. */
export async function loadBundle(options: BundleOptions): Promise<Bundle> {
  const specFiles = readSpecFiles(options.specs);
  const fixtureFiles = readFixtureFiles(options.fixtures);
  const schemaText = readFileSync(recordsSchemaPath, 'utf8');
  const code = await cached('fingerprint', import.meta.url, async () => codeFingerprint()).value;
  const store = new ArtifactStore(cacheDirs(options.cacheDir, process.cwd()));
  const schemaHash = createHash('sha256').update(schemaText).digest('hex');
  // The spec holds display paths (messages name files as the user sees them): part of its key here.
  const specKey = `${code}:${specFiles.hash}:${specFiles.files.map((f) => f.file).join('\u0000')}`;
  const specs = cached('specs', specKey, async () => compiledSpecs(specFiles, store, `specs:${code}:${specFiles.hash}`));
  const records = cached('records', `${code}:${schemaHash}`, async () => compiledRecords(schemaText, recordsSchemaPath, store, `records:${code}:${schemaHash}`));
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

/** The folders whose code decides what a compiled spec or record schema looks like. */
const FOLDERS = ['openapi', 'validation', 'bundle'];
const FILES = ['world/record-validators', 'world/fixture-kinds'];

/**
 * A hash of the code that turns specs into compiled forms (as it runs: .js from dist, .ts from src;
 * the CLI bundle in dist/bin/ reads the dist/*.js it was made from) and of the Ajv versions, part of
 * every cache key: a changed compiler never reads an older one's forms. Reading some 30 small files
 * costs about a millisecond.
 */
function codeFingerprint(): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const ext = extname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  const add = (path: string) => hash.update(`${path}\u0000${readFileSync(join(root, path), 'utf8')}\u0000`);
  for (const folder of FOLDERS) {
    for (const name of readdirSync(join(root, folder)).filter((f) => f.endsWith(ext)).sort()) add(`${folder}/${name}`);
  }
  for (const file of FILES) add(`${file}${ext}`);
  for (const dependency of ['ajv', 'ajv-formats']) {
    hash.update(`${dependency}@${(require(`${dependency}/package.json`) as { version: string }).version}\u0000`);
  }
  return hash.digest('hex').slice(0, 24);
}
