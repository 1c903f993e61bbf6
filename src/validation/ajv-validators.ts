import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createRequire } from 'node:module';
import type { Direction, ValidatorCodes, ValidatorSource } from './validator-source.js';

// Ajv (the compiler) is loaded on first use: a start that finds compiled validators never needs it.
const require = createRequire(import.meta.url);

interface AjvOptions {
  /** Fill in declared defaults (request validation). */
  useDefaults?: boolean;
  /** Keep each validator's source for standalone code; with `esm`, as an ES module (the browser build). */
  source?: boolean;
  esm?: boolean;
  allErrors?: boolean;
  /**
   * Compile each `$ref` as its own function, so an error's schemaPath starts at the schema it broke
   * (explain-violation). Its documents were already checked, so the meta-schema check is skipped
   * (a fifth of a second).
   */
  noInlineRefs?: boolean;
}

/** One Ajv for OpenAPI 3.1 (JSON Schema 2020-12), strict. */
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
    inlineRefs: options.noInlineRefs !== true,
    validateSchema: options.noInlineRefs !== true,
    code: { source: options.source ?? false, esm: options.esm ?? false },
  });
  // Generated code names formats as `require("ajv-formats/dist/formats").fullFormats[name]`.
  addFormats(ajv);
  // The `components` map our spec documents are registered under: refs walk into it; it validates
  // nothing itself. (OpenAPI-only annotations are dropped by sanitizeSchema.)
  ajv.addKeyword('components');
  return ajv;
}

/** Compiles validators with Ajv, once per schema and direction; with `source`, `standalone()` writes them out. */
export class AjvValidators implements ValidatorSource {
  /** Each direction's Ajv, made on its first schema (the explainer and the drift report only check responses). */
  readonly #ajv: Partial<Record<Direction, Ajv2020>> = {};
  readonly #ids: Record<Direction, Map<string, string>> = { request: new Map(), response: new Map() };

  constructor(
    private readonly schemaDocuments: ReadonlyMap<string, unknown>,
    private readonly formats: ReadonlySet<string>,
    private readonly options: Omit<AjvOptions, 'useDefaults'> = {},
  ) {}

  #of(direction: Direction): Ajv2020 {
    const made = this.#ajv[direction];
    if (made !== undefined) return made;
    const { source, esm } = this.options;
    const ajv = createAjv(direction === 'request' ? { useDefaults: true, source, esm } : this.options);
    for (const format of this.formats) {
      // OpenAPI formats JSON Schema does not define (int64, password, ...) are annotations.
      if (!(format in ajv.formats)) ajv.addFormat(format, true);
    }
    for (const [id, document] of this.schemaDocuments) ajv.addSchema(document as object, id);
    return (this.#ajv[direction] = ajv);
  }

  get(direction: Direction, schema: unknown, key: string): ValidateFunction {
    const ajv = this.#of(direction);
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
    const codeOf = (direction: Direction) => {
      const exports = [...this.#ids[direction]];
      return { code: standaloneCode(this.#of(direction), Object.fromEntries(exports.map(([, id]) => [id, id]))), exports };
    };
    return { request: codeOf('request'), response: codeOf('response') };
  }
}

/** Ajv's standalone code exporting `refs` (export name -> schema id); loaded only when writing code out. */
export function standaloneCode(ajv: Ajv2020, refs: Record<string, string>): string {
  return (require('ajv/dist/standalone/index.js') as { default: typeof standaloneCode }).default(ajv, refs);
}
