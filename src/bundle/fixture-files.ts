import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { FixtureError } from '../world/fixture-error.js';
import { fixtureKindNames, fixtureKinds } from '../world/fixture-kinds.js';
import { parseFixtures, type FixtureTexts } from '../world/load-fixtures.js';
import type { RecordValidators } from '../world/record-validators.js';
import type { Fixtures, FixtureKind } from '../world/records.js';
import { recordValidators } from './compiled-records.js';

/** A fixtures folder as read from disk, not yet parsed or checked. */
export interface FixtureFiles extends FixtureTexts {
  readonly dir: string;
  /** sha256 over every fixture file's name and text: equal hashes, equal worlds. */
  readonly hash: string;
}

/** Reads and hashes every fixture file of `dir`; a stray *.json file (a typo'd name) is an error. */
export function readFixtureFiles(dir: string): FixtureFiles {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new FixtureError(displayName(dir), 'the fixtures folder does not exist');
  const known = new Set(fixtureKindNames.map((kind) => fixtureKinds[kind].file));
  const stray = readdirSync(dir).filter((name) => name.endsWith('.json') && !known.has(name)).sort()[0];
  if (stray !== undefined) {
    throw new FixtureError(displayName(join(dir, stray)), `is not a fixture file; expected one of ${[...known].join(', ')}`);
  }
  const hash = createHash('sha256');
  const texts = {} as Record<FixtureKind, string | undefined>;
  for (const kind of fixtureKindNames) {
    const path = join(dir, fixtureKinds[kind].file);
    const text = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    texts[kind] = text;
    hash.update(`${kind}\u0000${text === undefined ? -1 : text.length}\u0000${text ?? ''}\u0000`);
  }
  return { dir, texts, hash: hash.digest('hex'), fileOf: (kind) => displayName(join(dir, fixtureKinds[kind].file)) };
}

/** Paths as the user typed them relative to where they run, e.g. `fixtures/users.json`. */
function displayName(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

/** Reads and checks every fixture file in `dir` (tests and tools; start-up goes through loadBundle). */
export function loadFixtures(dir: string, validators: RecordValidators = recordValidators()): Fixtures {
  return parseFixtures(readFixtureFiles(dir), validators);
}
