import type { ValidateFunction } from 'ajv';

/** Requests fill in declared defaults; responses are only checked. */
export type Direction = 'request' | 'response';

/**
 * Where validators come from: compiled by Ajv at start (`AjvValidators`), or evaluated from code
 * compiled earlier (`compiledValidators`). `key` identifies the schema (its JSON text).
 */
export interface ValidatorSource {
  get(direction: Direction, schema: unknown, key: string): ValidateFunction;
}

/** Compiled code that lacks a schema the spec asks for: it was made from other specs. */
export class MissingValidator extends Error {
  constructor(direction: Direction) {
    super(`the compiled validators have no ${direction} schema like this one`);
    this.name = 'MissingValidator';
  }
}

/** Standalone validator code for one direction, and which schema each export validates. */
export interface ValidatorCode {
  /** CommonJS body: `exports.v0 = ...`; its requires are ajv runtime helpers and ajv-formats. */
  readonly code: string;
  /** [schema key, export name] */
  readonly exports: ReadonlyArray<readonly [string, string]>;
}

export type ValidatorCodes = Readonly<Record<Direction, ValidatorCode>>;
