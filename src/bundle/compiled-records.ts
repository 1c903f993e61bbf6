import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAjv, standaloneCode } from '../validation/ajv-validators.js';
import { evaluate } from '../validation/compiled-validators.js';
import { fixtureKindNames, fixtureKinds } from '../world/fixture-kinds.js';
import { recordValidatorsFrom, type KindValidates, type RecordValidators } from '../world/record-validators.js';
import type { ArtifactStore } from './artifact-store.js';

/** Same relative place from src/bundle and from dist/bundle, and shipped in the package. */
export const recordsSchemaPath = fileURLToPath(new URL('../../schemas/records.schema.json', import.meta.url));

/** Compiles schemas/records.schema.json: one validator per record kind (tests and tools; start-up uses compiledRecords). */
export function recordValidators(schemaPath: string = recordsSchemaPath): RecordValidators {
  return recordValidatorsFrom(compileRecordSchema(readFileSync(schemaPath, 'utf8'), schemaPath).validates);
}

/** One Ajv validator per kind and, with `source`, standalone code exporting them. */
export function compileRecordSchema(schemaText: string, schemaPath: string, options: { source?: boolean; esm?: boolean } = {}): { validates: KindValidates; code: string | undefined } {
  const schema = JSON.parse(schemaText) as { $id: string };
  // Every problem of a record at once: a fixture or a seeded record is fixed in one go.
  const ajv = createAjv({ source: options.source, esm: options.esm, allErrors: true });
  ajv.addSchema(schema);
  const refs = Object.fromEntries(fixtureKindNames.map((kind) => [kind, `${schema.$id}#/$defs/${fixtureKinds[kind].def}`]));
  const validates = Object.fromEntries(
    fixtureKindNames.map((kind) => {
      const validate = ajv.getSchema(refs[kind] ?? '');
      if (validate === undefined) throw new Error(`${schemaPath}: no $defs/${fixtureKinds[kind].def}`);
      return [kind, validate];
    }),
  ) as KindValidates;
  return { validates, code: options.source ? standaloneCode(ajv, refs) : undefined };
}

/** The record validators: from the schema's compiled code when there is some, else compiled now. */
export function compiledRecords(schemaText: string, schemaPath: string, store: ArtifactStore, key: string) {
  const revive = ({ code }: { code: string }) => {
    const validates = evaluate({ code, exports: fixtureKindNames.map((kind) => [kind, kind] as const) });
    return { validators: recordValidatorsFrom(Object.fromEntries(validates) as KindValidates) };
  };
  return store.load(key, revive, (source) => {
    const { validates, code } = compileRecordSchema(schemaText, schemaPath, { source });
    return { value: { validators: recordValidatorsFrom(validates) }, artifact: code === undefined ? undefined : { code } };
  });
}
