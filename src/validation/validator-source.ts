import type { ValidateFunction } from 'ajv';

/** Requests fill in declared defaults; responses are only checked. */
export type Direction = 'request' | 'response';

/** Where validators come from: Ajv now, or code compiled earlier. `key` is the schema's JSON text. */
export interface ValidatorSource {
  get(direction: Direction, schema: unknown, key: string): ValidateFunction;
}

/** Validators compiled after start, for schemas no compiled code covers; absent in the browser build. */
export type LateValidators = (options: { allErrors?: boolean; noInlineRefs?: boolean }) => ValidatorSource;

/** Compiled code that lacks a schema the spec asks for: it was made from other specs. */
export class MissingValidator extends Error {
  constructor(direction: Direction) {
    super(`the compiled validators have no ${direction} schema like this one`);
    this.name = 'MissingValidator';
  }
}

/** Standalone validator code for one direction, and which schema each export validates. */
export interface ValidatorCode {
  /** CommonJS (`exports.v0 = ...`) or, with `esm`, an ES module; requires ajv helpers and ajv-formats. */
  readonly code: string;
  /** [schema key, export name] */
  readonly exports: ReadonlyArray<readonly [string, string]>;
}

export type ValidatorCodes = Readonly<Record<Direction, ValidatorCode>>;

/** A source of validators made earlier, by direction and schema key; one it lacks throws MissingValidator. */
export function madeValidators(byKey: Readonly<Record<Direction, ReadonlyMap<string, ValidateFunction>>>): ValidatorSource {
  return {
    get(direction, _schema, key) {
      const validate = byKey[direction].get(key);
      if (validate === undefined) throw new MissingValidator(direction);
      return validate;
    },
  };
}

/** [key, export name] -> the validator a module of standalone code exports under that name; a missing one is a broken build. */
export function exportedValidators<K extends string>(exports: Readonly<Record<string, unknown>>, names: ReadonlyArray<readonly [K, string]>): Map<K, ValidateFunction> {
  const byKey = new Map<K, ValidateFunction>();
  for (const [key, name] of names) {
    const validate = exports[name];
    if (typeof validate !== 'function') throw new Error(`precompiled validators: no export ${name}`);
    byKey.set(key, validate as ValidateFunction);
  }
  return byKey;
}
