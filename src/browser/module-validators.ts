import { exportedValidators, madeValidators, type Direction, type ValidatorSource } from '../validation/validator-source.js';
import type { ValidatorModule } from './browser-inputs.js';

/**
 * Validators from Ajv standalone modules compiled at build time: imported, never evaluated from
 * text, so a page without 'unsafe-eval' runs them. A missing one stops start-up (no compiler here).
 */
export function moduleValidators(modules: { readonly [D in Direction]: ValidatorModule }): ValidatorSource {
  const { request, response } = modules;
  return madeValidators({ request: exportedValidators(request.module, request.exports), response: exportedValidators(response.module, response.exports) });
}
