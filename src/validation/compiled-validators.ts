import type { ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import { memoFormats } from './memo-formats.js';
import { MissingValidator, type Direction, type ValidatorCode, type ValidatorCodes, type ValidatorSource } from './validator-source.js';

const require = createRequire(import.meta.url);
const FORMATS = 'ajv-formats/dist/formats';

/**
 * Validators from standalone code written by `AjvValidators.standalone()`: evaluated, not
 * compiled, so Ajv's compiler is never loaded. The code's requires (Ajv's small runtime helpers
 * and ajv-formats' format functions) resolve from this package, wherever the code was stored;
 * the code gets memoized formats, as the Ajv path does (one memo per direction). A schema the code does not hold
 * throws MissingValidator: the caller compiles instead.
 */
export function compiledValidators(codes: ValidatorCodes): ValidatorSource {
  const formats = require(FORMATS) as { fullFormats: Record<string, import('ajv').Format> };
  const byKey: Record<Direction, Map<string, ValidateFunction>> = {
    request: evaluate(codes.request, { ...formats, fullFormats: memoFormats(formats.fullFormats) }),
    response: evaluate(codes.response, { ...formats, fullFormats: memoFormats(formats.fullFormats) }),
  };
  return {
    get(direction, _schema, key) {
      const validate = byKey[direction].get(key);
      if (validate === undefined) throw new MissingValidator(direction);
      return validate;
    },
  };
}

/** Evaluates CommonJS validator code from the compiled-spec cache (a file this package wrote). */
export function evaluateModule(code: string, formats: unknown): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  const load = (id: string): unknown => (id === FORMATS ? formats : require(id));
  new Function('require', 'exports', 'module', code)(load, exports, { exports });
  return exports;
}

function evaluate({ code, exports: names }: ValidatorCode, formats: unknown): Map<string, ValidateFunction> {
  const exports = evaluateModule(code, formats);
  const byKey = new Map<string, ValidateFunction>();
  for (const [key, name] of names) {
    const validate = exports[name];
    if (typeof validate !== 'function') throw new Error(`compiled validators: no export ${name}`);
    byKey.set(key, validate as ValidateFunction);
  }
  return byKey;
}
