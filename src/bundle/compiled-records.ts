import { compileRecordSchema, recordValidatorsFrom, recordValidatorsFromCode, type RecordValidators } from '../store/record-validators.js';
import type { ArtifactStore } from './artifact-store.js';
import type { CompiledFrom } from './compiled-specs.js';

/**
 * The record validators (schemas/records.schema.json, used for fixtures at start and for records
 * seeded through /__mock): from the schema's compiled code when there is some, else compiled now.
 */
export function compiledRecords(
  schemaText: string,
  schemaPath: string,
  store: ArtifactStore,
  isShipped: (dir: string) => boolean,
  key: string,
): { validators: RecordValidators; from: CompiledFrom } {
  const found = store.read<{ code: string }>(key);
  if (found !== undefined) {
    try {
      return { validators: recordValidatorsFromCode(found.artifact.code), from: isShipped(found.dir) ? 'precompiled' : 'cache' };
    } catch {
      // A form this code cannot read: compile instead.
    }
  }
  const compiled = compileRecordSchema(schemaText, schemaPath, { source: store.writable });
  if (compiled.code !== undefined) store.write(key, { code: compiled.code });
  return { validators: recordValidatorsFrom(compiled.validates), from: 'compiled' };
}
