import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsImport as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * One Ajv configured for OpenAPI 3.1 (JSON Schema 2020-12). `strict: false` is not used; the
 * OpenAPI keywords that are not JSON Schema (example, discriminator mapping, x-*) are declared.
 */
export function createAjv(
  options: { useDefaults?: boolean } = {},
): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: false,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    validateFormats: true,
    coerceTypes: false,
    useDefaults: options.useDefaults ?? false,
  });
  addFormats(ajv);
  // The `components` map our spec documents are registered under: refs walk into it; it validates
  // nothing itself. (OpenAPI-only annotations are dropped by sanitizeSchema.)
  ajv.addKeyword('components');
  return ajv;
}
