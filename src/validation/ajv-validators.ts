import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createRequire } from 'node:module';
import { createAjv } from './create-ajv.js';
import { memoFormats } from './memo-formats.js';
import type { Direction, ValidatorCodes, ValidatorSource } from './validator-source.js';

const require = createRequire(import.meta.url);

/**
 * Compiles validators with Ajv, once per schema and direction, against the spec's schema
 * documents. With `source`, keeps what it compiled so `standalone()` can write it out as code
 * (Ajv's standalone code generation) for the next start to load instead of compiling.
 */
export class AjvValidators implements ValidatorSource {
  readonly #ajv: Record<Direction, Ajv2020>;
  readonly #ids: Record<Direction, Map<string, string>> = { request: new Map(), response: new Map() };

  constructor(schemaDocuments: ReadonlyMap<string, unknown>, formats: ReadonlySet<string>, options: { source?: boolean; allErrors?: boolean } = {}) {
    const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, import('ajv').Format> };
    this.#ajv = {
      request: prepare(createAjv({ useDefaults: true, source: options.source, formats: memoFormats(fullFormats) }), schemaDocuments, formats),
      response: prepare(createAjv({ source: options.source, allErrors: options.allErrors, formats: memoFormats(fullFormats) }), schemaDocuments, formats),
    };
  }

  get(direction: Direction, schema: unknown, key: string): ValidateFunction {
    const ajv = this.#ajv[direction];
    const ids = this.#ids[direction];
    let id = ids.get(key);
    if (id === undefined) {
      id = `${direction[0]}${ids.size}`;
      ajv.addSchema(schema as object, id);
      ids.set(key, id);
    }
    const validate = ajv.getSchema(id);
    if (validate === undefined) throw new Error(`no validator for ${id}`);
    return validate;
  }

  /** Everything compiled so far, as standalone code per direction. */
  standalone(): ValidatorCodes {
    // Loaded only when writing code out: it is part of Ajv's compiler.
    const standaloneCode = require('ajv/dist/standalone/index.js').default as (ajv: Ajv2020, refs: Record<string, string>) => string;
    const codeOf = (direction: Direction) => {
      const exports = [...this.#ids[direction]].map(([key, id]) => [key, id] as const);
      return { code: standaloneCode(this.#ajv[direction], Object.fromEntries(exports.map(([, id]) => [id, id]))), exports };
    };
    return { request: codeOf('request'), response: codeOf('response') };
  }
}

function prepare(ajv: Ajv2020, schemaDocuments: ReadonlyMap<string, unknown>, formats: ReadonlySet<string>): Ajv2020 {
  for (const format of formats) {
    // OpenAPI formats JSON Schema does not define (int64, password, ...) are annotations.
    if (!(format in ajv.formats)) ajv.addFormat(format, true);
  }
  for (const [id, document] of schemaDocuments) ajv.addSchema(document as object, id);
  return ajv;
}
