import type { ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import { exportedValidators, madeValidators, type ValidatorCodes, type ValidatorSource } from './validator-source.js';

const require = createRequire(import.meta.url);

/**
 * Validators from standalone code written by `AjvValidators.standalone()`: evaluated, so Ajv's
 * compiler is never loaded. Its requires resolve from this package. A schema the code lacks throws MissingValidator: the caller compiles instead.
 */
export function compiledValidators(codes: ValidatorCodes): ValidatorSource {
  return madeValidators({ request: evaluate(codes.request), response: evaluate(codes.response) });
}

/** Evaluates CommonJS validator code from the compiled-spec cache (a file this package wrote): [key, export name] -> validator. */
export function evaluate<K extends string>({ code, exports: names }: { code: string; exports: ReadonlyArray<readonly [K, string]> }): Map<K, ValidateFunction> {
  const exports: Record<string, unknown> = {};
  new Function('require', 'exports', 'module', code)(require, exports, { exports });
  return exportedValidators(exports, names);
}
