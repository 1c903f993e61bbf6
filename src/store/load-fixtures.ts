import { checkIntegrity } from './check-integrity.js';
import { FixtureError } from './fixture-error.js';
import { readFixtureFiles, type FixtureFiles } from './fixture-files.js';
import { fixtureKinds } from './fixture-kinds.js';
import { recordValidators, type RecordValidators } from './record-validators.js';
import type { Fixtures, FixtureKind } from './records.js';

/**
 * Reads and checks every fixture file in `dir`, once, at start. A missing file is an empty
 * kind; anything wrong — bad JSON, not an array, a record failing its schema, a duplicate, a
 * dangling reference, a stray *.json file (a typo'd name would otherwise be silently ignored) —
 * throws a FixtureError naming the file, the record and the field.
 */
export function loadFixtures(dir: string, validators: RecordValidators = recordValidators()): Fixtures {
  return parseFixtures(readFixtureFiles(dir), validators);
}

/** Parses and checks fixture files already read (see readFixtureFiles). */
export function parseFixtures(files: FixtureFiles, validators: RecordValidators): Fixtures {
  const read = <K extends FixtureKind>(kind: K): Fixtures[K] => readKind(kind, files.texts[kind], files.fileOf(kind), validators) as Fixtures[K];
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
  checkIntegrity(fixtures, files.fileOf);
  return fixtures;
}

function readKind(kind: FixtureKind, text: string | undefined, file: string, validators: RecordValidators): unknown[] {
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
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
