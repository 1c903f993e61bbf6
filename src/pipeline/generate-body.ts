import { seededRandom } from '../world/random.js';
import { isObject, schemaAt } from '../kernel/json-pointer.js';

/** The part of json-schema-faker used here (its own types pull in packages we do not install). */
interface SchemaFaker {
  option(options: Record<string, unknown>): void;
  generate(schema: unknown): unknown;
}

/** Tries per answer before giving up on generated data (each with the next seed). */
const ATTEMPTS = 8;

/** Small bodies that still show the whole shape: one to three items, every optional field, nothing undeclared. */
const OPTIONS = {
  alwaysFakeOptionals: true,
  fillProperties: false,
  minItems: 1,
  maxItems: 3,
  failOnInvalidTypes: true,
  failOnInvalidFormat: false,
  useDefaultValue: false,
  useExamplesValue: false,
  maxRegexRetry: 100,
};

/**
 * Seeded data generated from a response schema (dereferenced once) with json-schema-faker, loaded
 * on first use (about 40 ms, 14 MB; most servers never generate). It does not read every 2020-12
 * keyword (`if`/`then`), so a body `accept` refuses is made again with the next seed, and after
 * ATTEMPTS the caller gets `undefined`.
 */
export class BodyGenerator {
  #faker: Promise<SchemaFaker> | undefined;
  readonly #plain = new WeakMap<object, unknown>();

  constructor(private readonly documents: ReadonlyMap<string, unknown>) {}

  /** Loads json-schema-faker ahead of need (not awaited). */
  warm(): void {
    void this.#load().catch(() => undefined);
  }

  async generate(schema: unknown, seed: number, accept: (body: unknown) => boolean): Promise<unknown> {
    const faker = await this.#load();
    const plain = this.#dereferenced(schema);
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      // The options are json-schema-faker's own (module-wide) state: set right before each
      // synchronous generate, so no other answer can see or change them in between.
      faker.option({ ...OPTIONS, random: seededRandom(seed + attempt).next });
      const body = faker.generate(structuredClone(plain));
      if (accept(body)) return body;
    }
    return undefined;
  }

  #load(): Promise<SchemaFaker> {
    this.#faker ??= import('json-schema-faker').then((module) => (module as unknown as { JSONSchemaFaker: SchemaFaker }).JSONSchemaFaker);
    return this.#faker;
  }

  #dereferenced(schema: unknown): unknown {
    if (typeof schema !== 'object' || schema === null) return schema;
    let plain = this.#plain.get(schema);
    if (plain === undefined) this.#plain.set(schema, (plain = dereferenceSchema(schema, this.documents)));
    return plain;
  }
}

/** Keywords whose value is data, not a schema: copied as they are. */
const DATA = new Set(['enum', 'const', 'examples', 'default', 'required']);
/** Keywords whose value maps names to schemas: their keys are names, not keywords. */
const NAMED_SCHEMAS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/** Deeper than any schema of the specs; a recursive schema is cut here rather than looping. */
const MAX_DEPTH = 32;

/**
 * A sanitized schema with every absolute `$ref` (`whop-mock://<version>/<file>#/...`) replaced by
 * what it names, for a generator that knows nothing of our ids. A recursive one becomes `{}` past
 * MAX_DEPTH (the specs have none; the body is validated anyway).
 */
function dereferenceSchema(schema: unknown, documents: ReadonlyMap<string, unknown>, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((item) => dereferenceSchema(item, documents, depth));
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') {
    if (depth >= MAX_DEPTH) return {};
    const { $ref, ...siblings } = schema;
    const node = schemaAt($ref, documents);
    if (node === undefined) throw new Error(`$ref ${$ref} points at nothing`);
    const target = dereferenceSchema(node, documents, depth + 1);
    return Object.keys(siblings).length === 0 ? target : { allOf: [target, dereferenceSchema(siblings, documents, depth)] };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DATA.has(key)) copy[key] = value;
    else if (NAMED_SCHEMAS.has(key) && isObject(value)) {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, dereferenceSchema(sub, documents, depth)]));
    } else copy[key] = dereferenceSchema(value, documents, depth);
  }
  return copy;
}
