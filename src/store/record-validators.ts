import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAjv } from '../validation/create-ajv.js';
import { describeSchemaError, type SchemaProblem } from './describe-schema-error.js';
import { fixtureKinds } from './fixture-kinds.js';
import type { FixtureKind } from './records.js';

/** Same relative place from src/store and from dist/store, and shipped in the package. */
export const recordsSchemaPath = fileURLToPath(new URL('../../schemas/records.schema.json', import.meta.url));

/** Checks one record of a kind; undefined when it is valid. */
export type RecordValidator = (record: unknown) => SchemaProblem | undefined;

export type RecordValidators = { readonly [K in FixtureKind]: RecordValidator };

/**
 * Compiles schemas/records.schema.json once and returns one validator per record kind. Called
 * once at start (and by tests); nothing here runs per request.
 */
export function recordValidators(schemaPath: string = recordsSchemaPath): RecordValidators {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $id: string };
  const ajv = createAjv();
  ajv.addSchema(schema);
  const compile = (kind: FixtureKind): RecordValidator => {
    const validate = ajv.getSchema(`${schema.$id}#/$defs/${fixtureKinds[kind].def}`);
    if (validate === undefined) throw new Error(`${schemaPath}: no $defs/${fixtureKinds[kind].def}`);
    return (record) => {
      if (validate(record)) return undefined;
      const first = validate.errors?.[0];
      return first === undefined ? { pointer: '', message: 'is invalid' } : describeSchemaError(first, record);
    };
  };
  return {
    companies: compile('companies'),
    files: compile('files'),
    users: compile('users'),
    products: compile('products'),
    experiences: compile('experiences'),
    plans: compile('plans'),
    promo_codes: compile('promo_codes'),
    members: compile('members'),
    tokens: compile('tokens'),
  };
}
