import { errors } from '../errors/catalogue.js';
import { checkIntegrity } from '../store/check-integrity.js';
import { FixtureError } from '../store/fixture-error.js';
import { fixtureKinds, recordNoun } from '../store/fixture-kinds.js';
import type { RecordValidators } from '../store/record-validators.js';
import type { Fixtures } from '../store/records.js';
import type { WorldState } from '../store/world-state.js';
import { integritySlice } from './integrity-slice.js';

/** The record kinds a test may create or replace through the control plane. */
export type SeedKind = 'users' | 'members' | 'companies' | 'tokens';

export type SeedRecord<K extends SeedKind> = Fixtures[K][number];

type Row = Readonly<Record<string, unknown>>;

/**
 * Creates or replaces one canonical record in a session, with the same rules as the fixtures:
 * the record schema (schemas/records.schema.json), then the integrity rules of
 * src/store/check-integrity.ts (unique fields, references, same-company rules) over the slice of
 * the session's world the record touches. The first problem is a 400 naming the field; nothing
 * is stored unless every rule holds.
 */
export function seedRecord<K extends SeedKind>(state: WorldState, kind: K, record: unknown, validators: RecordValidators): SeedRecord<K> {
  const noun = recordNoun[kind];
  // A copy: the store freezes what it keeps, and the caller's object must stay theirs.
  record = structuredClone(record);
  const problem = validators[kind](record);
  if (problem !== undefined) throw errors.recordInvalid(noun, paramOf(problem.pointer), `${problem.pointer || '(the record)'} ${problem.message}`);
  const row = record as Row;
  const key = fixtureKinds[kind].key;
  try {
    checkIntegrity(integritySlice(state, kind, row), (other) => `this session's ${other}`);
  } catch (error) {
    if (!(error instanceof FixtureError)) throw error;
    const pointer = error.location?.pointer ?? '';
    const elsewhere = error.location?.id !== undefined && error.location.id !== row[key] ? `${error.location.id}: ` : '';
    throw errors.recordInvalid(noun, paramOf(pointer), `${elsewhere}${error.detail}`);
  }
  // Collection.put is typed per kind; the schema and integrity checks above are what make `record` one.
  return (state[kind] as unknown as { put(value: Row): SeedRecord<K> }).put(row);
}

/** `/verification/individual/status` -> `verification.individual.status`; the record itself -> `body`. */
function paramOf(pointer: string): string {
  const path = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return path.length === 0 ? 'body' : path.join('.');
}
