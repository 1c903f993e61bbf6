import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { FixtureError } from './fixture-error.js';
import { fixtureKindNames, fixtureKinds } from './fixture-kinds.js';
import type { FixtureKind } from './records.js';

/** A fixtures folder as read from disk, not yet parsed or checked. */
export interface FixtureFiles {
  readonly dir: string;
  /** Each kind's file text; undefined when the file is missing (an empty kind). */
  readonly texts: { readonly [K in FixtureKind]: string | undefined };
  /** sha256 over every fixture file's name and text: equal hashes, equal worlds. */
  readonly hash: string;
  /** The file as messages name it, e.g. `fixtures/users.json`. */
  fileOf(kind: FixtureKind): string;
}

/**
 * Reads every fixture file of `dir`. A stray *.json file is an error (a typo'd name would
 * otherwise be silently ignored). Reading and hashing are cheap; the hash lets a world built from
 * these exact files be reused (src/bundle).
 */
export function readFixtureFiles(dir: string): FixtureFiles {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new FixtureError(displayName(dir), 'the fixtures folder does not exist');
  const known = new Set(fixtureKindNames.map((kind) => fixtureKinds[kind].file));
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    if (!known.has(name)) {
      throw new FixtureError(displayName(join(dir, name)), `is not a fixture file; expected one of ${[...known].join(', ')}`);
    }
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
