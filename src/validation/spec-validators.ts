import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { CompiledSpec, Operation, ParameterSpec } from '../openapi/compile-operations.js';
import { BUNDLE_HINT, SpecError } from '../openapi/spec-error.js';
import { compileProjection, type Projection } from './compile-projection.js';
import { createAjv } from './create-ajv.js';

export interface ResponseValidator {
  validate: ValidateFunction | null;
  /** Drops properties the served version does not declare. */
  project: Projection | null;
}

export interface OperationValidators {
  path: ValidateFunction;
  query: ValidateFunction;
  header: ValidateFunction;
  body: ValidateFunction | null;
  responses: Map<string, ResponseValidator>;
}

type Location = 'path' | 'query' | 'header';

/**
 * Compiles every validator the request path will need, once, at start: per operation and
 * version, one per request location, the body, and each declared response status (plus a
 * projection for success bodies). Two Ajv instances share the registered documents: requests
 * (fills in declared defaults) and responses (checks only). Compiled schemas are cached by Ajv,
 * so a shared component such as the error envelope compiles once per version.
 */
export class SpecValidators {
  private readonly request: Ajv2020;
  private readonly response: Ajv2020;
  private readonly documents: ReadonlyMap<string, unknown>;
  private readonly byOperation = new Map<Operation, OperationValidators>();
  /** Same schema text, same validator: every operation's error responses share one envelope. */
  private readonly compiled = new Map<Ajv2020, Map<string, ValidateFunction>>();
  private readonly projections = new Map<string, Projection>();

  constructor(spec: CompiledSpec) {
    this.request = prepare(createAjv({ useDefaults: true }), spec);
    this.response = prepare(createAjv(), spec);
    this.documents = spec.schemaDocuments;
    for (const operations of spec.operations.values()) {
      for (const operation of operations) {
        if (!this.byOperation.has(operation)) this.byOperation.set(operation, this.compile(operation));
      }
    }
  }

  for(operation: Operation): OperationValidators {
    const found = this.byOperation.get(operation);
    if (!found) throw new Error(`no validators compiled for ${operation.operationId}`);
    return found;
  }

  /** Compiles an ad-hoc schema against the registered documents (e.g. the error envelope). */
  compileResponseSchema(schema: unknown): ValidateFunction {
    return this.response.compile(schema as object);
  }

  private projectionFor(schema: unknown): Projection {
    const key = JSON.stringify(schema);
    const known = this.projections.get(key);
    if (known) return known;
    const projection = compileProjection(schema, this.documents);
    this.projections.set(key, projection);
    return projection;
  }

  private compile(operation: Operation): OperationValidators {
    const where = `${operation.method} ${operation.path} (${operation.operationId})`;
    const compile = (ajv: Ajv2020, schema: unknown, what: string): ValidateFunction => {
      const cache = this.compiled.get(ajv) ?? new Map<string, ValidateFunction>();
      this.compiled.set(ajv, cache);
      const key = JSON.stringify(schema);
      try {
        const known = cache.get(key);
        if (known) return known;
        const validate = ajv.compile(schema as object);
        cache.set(key, validate);
        return validate;
      } catch (error) {
        const message = (error as Error).message;
        // Ajv cannot read other files: a reference into one means the document was not bundled.
        const hint = message.includes("can't resolve reference") ? `; ${BUNDLE_HINT}` : '';
        throw new SpecError(operation.file, `${where}: the ${what} schema does not compile: ${message}${hint}`);
      }
    };
    const location = (name: Location) =>
      compile(this.request, locationSchema(operation.parameters, name), `${name} parameters`);
    const responses = new Map<string, ResponseValidator>();
    for (const response of operation.responses) {
      if (response.schema === undefined) {
        responses.set(response.status, { validate: null, project: null });
        continue;
      }
      responses.set(response.status, {
        validate: compile(this.response, response.schema, `${response.status} response`),
        project: response.status.startsWith('2') ? this.projectionFor(response.schema) : null,
      });
    }
    return {
      path: location('path'),
      query: location('query'),
      header: location('header'),
      body: operation.body?.schema === undefined ? null : compile(this.request, operation.body.schema, 'request body'),
      responses,
    };
  }
}

function prepare(ajv: Ajv2020, spec: CompiledSpec): Ajv2020 {
  for (const format of spec.formats) {
    // OpenAPI formats JSON Schema does not define (int64, password, ...) are annotations.
    if (!(format in ajv.formats)) ajv.addFormat(format, true);
  }
  for (const [id, document] of spec.schemaDocuments) ajv.addSchema(document as object, id);
  return ajv;
}

/**
 * One object schema per location. Unknown query parameters are rejected (a contract test double
 * should say when a client sends what this version does not define); unknown headers are not.
 */
function locationSchema(parameters: ParameterSpec[], location: Location): object {
  const own = parameters.filter((p) => p.in === location);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
    required: own.filter((p) => p.required).map((p) => p.name),
    additionalProperties: location !== 'query',
  };
}
