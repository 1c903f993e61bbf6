import { dereferenceSchema } from './dereference-schema.js';

/** The part of json-schema-faker used here (its own types pull in packages we do not install). */
interface SchemaFaker {
  option(options: Record<string, unknown>): void;
  generate(schema: unknown): unknown;
}

/** Tries per answer before giving up on generated data (each with the next seed). */
const ATTEMPTS = 8;

/**
 * Small bodies that still show every field: lists get one to three items, optional fields
 * are always filled (a client sees the whole shape), nothing the schema does not declare is added.
 */
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
 * Data generated from a response schema with json-schema-faker, for `Prefer: dynamic=true`.
 * json-schema-faker is loaded on the first generated answer (about 40 ms, 14 MB), not at start:
 * most servers never generate anything. It knows nothing of our document ids, so the schema is
 * dereferenced first (once per schema). Generation is seeded: the same seed gives the same body.
 * Each body must pass `accept` (the response validator); json-schema-faker does not read every
 * 2020-12 keyword (`if`/`then`), so a body that fails is generated again with the next seed, and
 * after ATTEMPTS the caller gets `undefined` and answers otherwise.
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
      faker.option({ ...OPTIONS, random: seededRandom(seed + attempt) });
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
    if (plain === undefined) {
      plain = dereferenceSchema(schema, this.documents);
      this.#plain.set(schema, plain);
    }
    return plain;
  }
}

/** mulberry32: a small, fast, well-spread 32-bit generator; the same seed, the same numbers. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
