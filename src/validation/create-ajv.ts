import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { Format } from 'ajv';

// Ajv (the compiler) is loaded on first use: a start that finds compiled validators never needs it.
const require = createRequire(import.meta.url);

export interface AjvOptions {
  /** Fill in declared defaults (request validation). */
  useDefaults?: boolean;
  /** Keep each validator's source, so it can be written out as standalone code (src/bundle). */
  source?: boolean;
  /** Report every error, not only the first (the drift report groups them all). */
  allErrors?: boolean;
  /** Replaces ajv-formats' format functions (e.g. memoized ones, see memo-formats). */
  formats?: Readonly<Record<string, Format>>;
}

/**
 * One Ajv configured for OpenAPI 3.1 (JSON Schema 2020-12). `strict: false` is not used; the
 * OpenAPI keywords that are not JSON Schema (example, discriminator mapping, x-*) are declared.
 */
export function createAjv(options: AjvOptions = {}): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // ajv-formats ships CommonJS: require gives the plugin function itself.
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  const ajv = new Ajv({
    allErrors: options.allErrors ?? false,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    validateFormats: true,
    coerceTypes: false,
    useDefaults: options.useDefaults ?? false,
    code: { source: options.source ?? false },
  });
  // Generated code names formats as `require("ajv-formats/dist/formats").fullFormats[name]`.
  addFormats(ajv);
  for (const [name, format] of Object.entries(options.formats ?? {})) ajv.addFormat(name, format);
  // The `components` map our spec documents are registered under: refs walk into it; it validates
  // nothing itself. (OpenAPI-only annotations are dropped by sanitizeSchema.)
  ajv.addKeyword('components');
  return ajv;
}
