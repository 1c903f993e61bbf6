import { checkIntegrity } from './check-integrity.js';
import { FixtureError } from './fixture-error.js';
import { fixtureKindNames, fixtureKinds } from './fixture-kinds.js';
import { problemsText, type RecordValidators } from './record-validators.js';
import type { Fixtures, FixtureKind } from './records.js';

/** Fixture files as read (by readFixtureFiles, or a posted world): each kind's text, and its file's name for messages. */
export interface FixtureTexts {
  /** Each kind's file text; undefined when the file is missing (an empty kind). */
  readonly texts: { readonly [K in FixtureKind]: string | undefined };
  fileOf(kind: FixtureKind): string;
}

/** Parses and checks fixture files already read (a missing file is an empty kind); throws a FixtureError. */
export function parseFixtures(files: FixtureTexts, validators: RecordValidators): Fixtures {
  const fixtures = Object.fromEntries(fixtureKindNames.map((kind) => [kind, readKind(kind, files.texts[kind], files.fileOf(kind), validators)])) as unknown as Fixtures;
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
    const problems = validators[kind](record);
    if (problems === undefined) return;
    const id = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
    throw new FixtureError(file, problemsText(problems), { index, id: typeof id === 'string' ? id : undefined, pointer: problems[0]?.pointer ?? '' });
  });
  return data;
}
