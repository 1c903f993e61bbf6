import type { ValidateFunction } from 'ajv';
import type { CompiledSpec, Operation, ParameterSpec } from '../openapi/compile-operations.js';
import { BUNDLE_HINT, SpecError } from '../openapi/spec-error.js';
import { schemaShape, type Shape } from './schema-shape.js';
import { ViolationExplainer } from './explain-violation.js';
import { MissingValidator, type Direction, type LateValidators, type ValidatorSource } from './validator-source.js';

type Projection = (value: unknown) => void;

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
 * Every validator the request path will need, made once at start from a ValidatorSource: per
 * operation, one per request location, the body, and each declared response (plus a projection
 * for success bodies). Same schema text, same validator: error responses share one envelope.
 */
export class SpecValidators {
  private readonly byOperation = new Map<Operation, OperationValidators>();
  /** Same schema text, same validator or projection. */
  private readonly made = new Map<string, ValidateFunction>();
  private readonly projections = new Map<string, Projection>();
  /** Every error of a body that failed, each placed in the served document (made on the first failure). */
  readonly explainer: ViolationExplainer;

  constructor(
    private readonly spec: CompiledSpec,
    private readonly source: ValidatorSource,
    readonly late?: LateValidators,
  ) {
    this.explainer = new ViolationExplainer(spec, late);
    // A version's inherited operations are the same objects: each is compiled once.
    for (const operation of new Set([...spec.operations.values()].flat())) this.byOperation.set(operation, this.compile(operation));
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
    return memo(this.made, `${direction}\u0000${key}`, () => this.source.get(direction, schema, key));
  }

  private projectionFor(schema: unknown): Projection {
    return memo(this.projections, JSON.stringify(schema), () => {
      const shape = schemaShape(schema, this.spec.schemaDocuments);
      return (value) => apply(value, shape, 0);
    });
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
    for (const { status, schema } of operation.responses) {
      responses.set(status, {
        validate: schema === undefined ? null : compile('response', schema, `${status} response`),
        project: schema !== undefined && status.startsWith('2') ? this.projectionFor(schema) : null,
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

function memo<T>(made: Map<string, T>, key: string, make: () => T): T {
  let found = made.get(key);
  if (found === undefined) made.set(key, (found = make()));
  return found;
}

/** One object schema per location; unknown query parameters are refused (a contract double says so). */
function locationSchema(parameters: ParameterSpec[], location: Location): object {
  const own = parameters.filter((p) => p.in === location);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
    required: own.filter((p) => p.required).map((p) => p.name),
    additionalProperties: location !== 'query',
  };
}

/** Deeper than any response body; guards against a body that refers to itself. */
const MAX_DEPTH = 64;

/** Removes in place every property `shape` does not declare (unlike Ajv's removeAdditional, through composition). */
function apply(value: unknown, shape: Shape, depth: number): void {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    const items = shape.items;
    if (items !== null && !items.leaf) for (const item of value) apply(item, items, depth + 1);
    return;
  }
  const properties = shape.properties;
  if (properties === null) return;
  const record = value as Record<string, unknown>;
  // for...in (deleting the current key is allowed): no array of keys per object.
  for (const key in record) {
    const inner = properties.get(key);
    if (inner === undefined) delete record[key];
    else if (!inner.leaf) apply(record[key], inner, depth + 1);
  }
}
