import type { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { evaluateModule } from '../validation/compiled-validators.js';
import { createAjv } from '../validation/create-ajv.js';
import { describeSchemaError, type SchemaProblem } from './describe-schema-error.js';
import { fixtureKindNames, fixtureKinds } from './fixture-kinds.js';
import type { FixtureKind } from './records.js';

const require = createRequire(import.meta.url);

/** Same relative place from src/store and from dist/store, and shipped in the package. */
export const recordsSchemaPath = fileURLToPath(new URL('../../schemas/records.schema.json', import.meta.url));

/** Checks one record of a kind; undefined when it is valid. */
export type RecordValidator = (record: unknown) => SchemaProblem | undefined;

export type RecordValidators = { readonly [K in FixtureKind]: RecordValidator };

/** The records schema compiled: one Ajv validator per kind, and (when asked) its standalone code. */
export interface CompiledRecordSchema {
  readonly validates: { readonly [K in FixtureKind]: ValidateFunction };
  /** Standalone code exporting one validator per kind (only with `source`). */
  readonly code: string | undefined;
}

/**
 * Compiles schemas/records.schema.json once and returns one validator per record kind. Called
 * once at start (and by tests); nothing here runs per request. A start that finds the schema's
 * compiled code (src/bundle) uses `recordValidatorsFromCode` instead and never loads Ajv.
 */
export function recordValidators(schemaPath: string = recordsSchemaPath): RecordValidators {
  return recordValidatorsFrom(compileRecordSchema(readFileSync(schemaPath, 'utf8'), schemaPath).validates);
}

export function compileRecordSchema(schemaText: string, schemaPath: string, options: { source?: boolean } = {}): CompiledRecordSchema {
  const schema = JSON.parse(schemaText) as { $id: string };
  const ajv = createAjv({ source: options.source });
  ajv.addSchema(schema);
  const refs = Object.fromEntries(fixtureKindNames.map((kind) => [kind, `${schema.$id}#/$defs/${fixtureKinds[kind].def}`]));
  const validates = Object.fromEntries(
    fixtureKindNames.map((kind) => {
      const validate = ajv.getSchema(refs[kind] ?? '');
      if (validate === undefined) throw new Error(`${schemaPath}: no $defs/${fixtureKinds[kind].def}`);
      return [kind, validate];
    }),
  ) as CompiledRecordSchema['validates'];
  if (!options.source) return { validates, code: undefined };
  const standaloneCode = require('ajv/dist/standalone/index.js').default as (ajv: unknown, refs: Record<string, string>) => string;
  return { validates, code: standaloneCode(ajv, refs) };
}

/** The validators of code written by `compileRecordSchema(..., { source: true })`. */
export function recordValidatorsFromCode(code: string): RecordValidators {
  const exports = evaluateModule(code, require('ajv-formats/dist/formats'));
  for (const kind of fixtureKindNames) if (typeof exports[kind] !== 'function') throw new Error(`compiled record validators: no ${kind}`);
  return recordValidatorsFrom(exports as unknown as CompiledRecordSchema['validates']);
}

export function recordValidatorsFrom(validates: CompiledRecordSchema['validates']): RecordValidators {
  const wrap = (validate: ValidateFunction): RecordValidator => (record) => {
    if (validate(record)) return undefined;
    const first = validate.errors?.[0];
    return first === undefined ? { pointer: '', message: 'is invalid' } : describeSchemaError(first, record);
  };
  return {
    companies: wrap(validates.companies),
    files: wrap(validates.files),
    users: wrap(validates.users),
    products: wrap(validates.products),
    experiences: wrap(validates.experiences),
    plans: wrap(validates.plans),
    promo_codes: wrap(validates.promo_codes),
    members: wrap(validates.members),
    tokens: wrap(validates.tokens),
  };
}
