import type { ValidateFunction } from 'ajv';
import { MissingValidator, type Direction, type ValidatorSource } from '../validation/validator-source.js';
import type { ValidatorModule } from './browser-inputs.js';

/**
 * Validators from Ajv standalone modules compiled at build time: imported, never evaluated from
 * text, so a page without 'unsafe-eval' runs them. A missing one stops start-up (no compiler here).
 */
export function moduleValidators(modules: { readonly [D in Direction]: ValidatorModule }): ValidatorSource {
  const byKey: Record<Direction, Map<string, ValidateFunction>> = { request: functionsOf(modules.request), response: functionsOf(modules.response) };
  return {
    get(direction, _schema, key) {
      const validate = byKey[direction].get(key);
      if (validate === undefined) throw new MissingValidator(direction);
      return validate;
    },
  };
}

function functionsOf({ module, exports }: ValidatorModule): Map<string, ValidateFunction> {
  const byKey = new Map<string, ValidateFunction>();
  for (const [key, name] of exports) {
    const validate = module[name];
    if (typeof validate !== 'function') throw new Error(`precompiled validators: no export ${name}`);
    byKey.set(key, validate as ValidateFunction);
  }
  return byKey;
}
