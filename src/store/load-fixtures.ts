import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { checkIntegrity } from './check-integrity.js';
import { FixtureError } from './fixture-error.js';
import { fixtureKindNames, fixtureKinds } from './fixture-kinds.js';
import { recordValidators, type RecordValidators } from './record-validators.js';
import type { Fixtures, FixtureKind } from './records.js';

/**
 * Reads and checks every fixture file in `dir`, once, at start. A missing file is an empty
 * kind; anything wrong — bad JSON, not an array, a record failing its schema, a duplicate, a
 * dangling reference, a stray *.json file (a typo'd name would otherwise be silently ignored) —
 * throws a FixtureError naming the file, the record and the field.
 */
export function loadFixtures(dir: string, validators: RecordValidators = recordValidators()): Fixtures {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new FixtureError(displayName(dir), 'the fixtures folder does not exist');
  const known = new Set(fixtureKindNames.map((kind) => fixtureKinds[kind].file));
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    if (!known.has(name)) {
      throw new FixtureError(displayName(join(dir, name)), `is not a fixture file; expected one of ${[...known].join(', ')}`);
    }
  }
  const fileOf = (kind: FixtureKind): string => displayName(join(dir, fixtureKinds[kind].file));
  const read = <K extends FixtureKind>(kind: K): Fixtures[K] => readKind(kind, join(dir, fixtureKinds[kind].file), fileOf(kind), validators) as Fixtures[K];
  const fixtures: Fixtures = {
    companies: read('companies'),
    files: read('files'),
    users: read('users'),
    products: read('products'),
    experiences: read('experiences'),
    plans: read('plans'),
    promo_codes: read('promo_codes'),
    members: read('members'),
    tokens: read('tokens'),
  };
  checkIntegrity(fixtures, fileOf);
  return fixtures;
}

function readKind(kind: FixtureKind, path: string, file: string, validators: RecordValidators): unknown[] {
  if (!existsSync(path)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FixtureError(file, `not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) {
    throw new FixtureError(file, `must be a JSON array of ${kind} records, got ${data === null ? 'null' : typeof data}`);
  }
  const key = fixtureKinds[kind].key;
  data.forEach((record: unknown, index) => {
    const problem = validators[kind](record);
    if (problem === undefined) return;
    const id = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
    throw new FixtureError(file, `${problem.pointer || '(the record)'} ${problem.message}`, {
      index,
      id: typeof id === 'string' ? id : undefined,
      pointer: problem.pointer,
    });
  });
  return data;
}

/** Paths as the user typed them relative to where they run, e.g. `fixtures/users.json`. */
function displayName(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}
