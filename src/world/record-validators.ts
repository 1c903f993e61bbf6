import type { ValidateFunction } from 'ajv';
import { describeSchemaError, type SchemaProblem } from './describe-schema-error.js';
import { fixtureKindNames } from './fixture-kinds.js';
import type { FixtureKind } from './records.js';

/** Checks one record of a kind: every problem (the schema is compiled with allErrors), or undefined when it is valid. */
export type RecordValidator = (record: unknown) => readonly SchemaProblem[] | undefined;

export type RecordValidators = { readonly [K in FixtureKind]: RecordValidator };

/** Every problem of a record in one line: `/username must be string, got 42; /email is required`. */
export function problemsText(problems: readonly SchemaProblem[]): string {
  return problems.map((problem) => `${problem.pointer || '(the record)'} ${problem.message}`).join('; ');
}

/** One compiled validator per kind (of schemas/records.schema.json; src/bundle compiles or loads them). */
export type KindValidates = { readonly [K in FixtureKind]: ValidateFunction };

export function recordValidatorsFrom(validates: KindValidates): RecordValidators {
  const wrap = (validate: ValidateFunction): RecordValidator => (record) => {
    if (validate(record)) return undefined;
    // `if` only says that its `then` failed, which is reported too.
    const problems = (validate.errors ?? []).filter((error) => error.keyword !== 'if').map((error) => describeSchemaError(error, record));
    const distinct = [...new Map(problems.map((problem) => [`${problem.pointer} ${problem.message}`, problem])).values()];
    return distinct.length === 0 ? [{ pointer: '', message: 'is invalid' }] : distinct;
  };
  return Object.fromEntries(fixtureKindNames.map((kind) => [kind, wrap(validates[kind])])) as unknown as RecordValidators;
}
