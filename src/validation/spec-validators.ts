import type { ValidateFunction } from 'ajv';
import type { CompiledSpec, Operation, ParameterSpec } from '../openapi/compile-operations.js';
import { BUNDLE_HINT, SpecError } from '../openapi/spec-error.js';
import { compileProjection, type Projection } from './compile-projection.js';
import { FragmentCache } from './fragment-cache.js';
import { isItemList } from './item-list-schema.js';
import { MissingValidator, type Direction, type ValidatorSource } from './validator-source.js';

export interface ResponseValidator {
  validate: ValidateFunction | null;
  /** Drops properties the served version does not declare. */
  project: Projection | null;
  /** A 2xx list whose validity splits by item (isItemList): its items' served JSON, remembered. */
  fragments: FragmentCache | null;
  /** A 2xx response: the served JSON of single-record bodies (recordBody), remembered by record. */
  records: FragmentCache | null;
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
 * Every validator the request path will need, made once, at start: per operation and version,
 * one per request location, the body, and each declared response status (plus a projection for
 * success bodies). They come from a ValidatorSource: compiled by Ajv now, or evaluated from code
 * compiled before (src/bundle). Requests fill in declared defaults; responses are only checked.
 * Same schema text, same validator: every operation's error responses share one envelope.
 */
export class SpecValidators {
  private readonly documents: ReadonlyMap<string, unknown>;
  private readonly byOperation = new Map<Operation, OperationValidators>();
  private readonly made = new Map<string, ValidateFunction>();
  private readonly projections = new Map<string, Projection>();

  constructor(spec: CompiledSpec, private readonly source: ValidatorSource) {
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

  /** A response validator for a schema of no operation (e.g. the error envelope). */
  compileResponseSchema(schema: unknown): ValidateFunction {
    return this.validator('response', schema);
  }

  private validator(direction: Direction, schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    const known = this.made.get(`${direction}\u0000${key}`);
    if (known) return known;
    const validate = this.source.get(direction, schema, key);
    this.made.set(`${direction}\u0000${key}`, validate);
    return validate;
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
    const compile = (direction: Direction, schema: unknown, what: string): ValidateFunction => {
      try {
        return this.validator(direction, schema);
      } catch (error) {
        if (error instanceof MissingValidator) throw error;
        const message = (error as Error).message;
        // Ajv cannot read other files: a reference into one means the document was not bundled.
        const hint = message.includes("can't resolve reference") ? `; ${BUNDLE_HINT}` : '';
        throw new SpecError(operation.file, `${where}: the ${what} schema does not compile: ${message}${hint}`);
      }
    };
    const location = (name: Location) => compile('request', locationSchema(operation.parameters, name), `${name} parameters`);
    const responses = new Map<string, ResponseValidator>();
    for (const response of operation.responses) {
      if (response.schema === undefined) {
        responses.set(response.status, { validate: null, project: null, fragments: null, records: null });
        continue;
      }
      responses.set(response.status, {
        validate: compile('response', response.schema, `${response.status} response`),
        project: response.status.startsWith('2') ? this.projectionFor(response.schema) : null,
        fragments: response.status.startsWith('2') && isItemList(response.schema, this.documents) ? new FragmentCache() : null,
        records: response.status.startsWith('2') ? new FragmentCache() : null,
      });
    }
    return {
      path: location('path'),
      query: location('query'),
      header: location('header'),
      body: operation.body?.schema === undefined ? null : compile('request', operation.body.schema, 'request body'),
      responses,
    };
  }
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
