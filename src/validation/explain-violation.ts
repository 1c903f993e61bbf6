import type { ErrorObject } from 'ajv';
import { escapeSegment, isObject, pointerKeys, schemaAt, valueAt } from '../kernel/json-pointer.js';
import type { CompiledSpec, Operation } from '../openapi/compile-operations.js';
import { declaredResponse } from '../openapi/declared-response.js';
import { servedPointer } from '../openapi/served-document.js';
import type { LateValidators, ValidatorSource } from './validator-source.js';

/** What was wrong with a response: where (JSON pointer) and which rule. */
export interface Violation {
  pointer: string;
  rule: string;
}

/** An Ajv error as a violation: the body's pointer, and the keyword, what it says and its schemaPath. */
export function describe(error: ErrorObject | undefined): Violation {
  if (!error) return { pointer: '', rule: 'invalid' };
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === 'required'
      ? `required property "${String(params.missingProperty)}" is missing`
      : error.keyword === 'additionalProperties'
        ? `property "${String(params.additionalProperty)}" is not allowed`
        : (error.message ?? 'invalid');
  return { pointer: error.instancePath, rule: `${error.keyword}: ${detail} (schema ${error.schemaPath})` };
}

/** One way a response body broke its schema (`pointer` "" is the body itself). */
export interface SchemaError extends Readonly<Violation> {
  /** The schema keyword it broke, as a pointer into the OpenAPI document served for the version (`#/components/schemas/User/properties/name/maxLength`); null when it cannot be placed. */
  readonly schema_pointer: string | null;
}

/** Every error of a body, up to this many (a list of broken items could have thousands). */
export const MAX_SCHEMA_ERRORS = 50;

/** A schema, where it is: the document (by its compiled id) and the pointer inside it. */
interface Place {
  readonly schema: unknown;
  readonly docId: string;
  readonly pointer: string;
}

/** Keywords whose next segment is a name or index, not a keyword. */
const NAMED = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'prefixItems', 'allOf', 'anyOf', 'oneOf']);
/** Keywords that go one level down into the instance. */
const DESCENDS = new Set(['properties', 'patternProperties', 'prefixItems', 'items', 'additionalProperties', 'contains', 'unevaluatedItems', 'unevaluatedProperties']);
const BRANCHES = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * Why a response broke the contract, in full, on the failing path alone. A second Ajv (allErrors,
 * every `$ref` its own function) is made on the first failure, so each error's schemaPath starts
 * at the schema it broke; that schema is found by walking the body's path through the response
 * schema and placed in the document served for the version (GET /__mock/openapi/{version}).
 */
export class ViolationExplainer {
  #ajv: ValidatorSource | undefined;

  constructor(
    private readonly spec: CompiledSpec,
    private readonly late: LateValidators | undefined,
  ) {}

  /** Every error (up to MAX_SCHEMA_ERRORS) and how many there were; none when the body is valid. */
  explain(operation: Operation, status: number, body: unknown, version: string): { errors: SchemaError[]; count: number } {
    const declared = declaredResponse(operation, status);
    const base = `#/paths/${escapeSegment(operation.path)}/${operation.method.toLowerCase()}/responses`;
    if (declared === undefined) return { errors: [{ pointer: '', rule: `status ${status} is not declared for this operation`, schema_pointer: base }], count: 1 };
    if (declared.schema === undefined || this.late === undefined) return { errors: [], count: 0 };
    this.#ajv ??= this.late({ allErrors: true, noInlineRefs: true });
    const validate = this.#ajv.get('response', declared.schema, JSON.stringify(declared.schema));
    if (validate(body)) return { errors: [], count: 0 };
    // `if` only says that a `then` failed; the `then` error itself is reported too.
    const all = (validate.errors ?? []).filter((error) => error.keyword !== 'if');
    const root: Place = { schema: declared.schema, docId: operation.documentId, pointer: this.#responsePointer(operation, `${base.slice(1)}/${escapeSegment(declared.status)}`) };
    const errors = all.slice(0, MAX_SCHEMA_ERRORS).map((error): SchemaError => ({
      ...describe(error),
      schema_pointer: this.#served(placeOf(root, error, this.spec.schemaDocuments), version),
    }));
    return { errors, count: all.length };
  }

  /** Where the operation's response schema is in its own document, the response being `at` (or where its `$ref` to components/responses leads). */
  #responsePointer(operation: Operation, at: string): string {
    const source = this.spec.sources.find((candidate) => candidate.file === operation.file);
    const response = valueAt(source?.document, at);
    const ref = isObject(response) && typeof response.$ref === 'string' && response.$ref.startsWith('#/') ? response.$ref.slice(1) : at;
    return `${ref}/content/application~1json/schema`;
  }

  /** A place in a compiled document as a pointer into the version's served document. */
  #served(place: Place | undefined, version: string): string | null {
    if (place === undefined) return null;
    const source = this.spec.sources.find((candidate) => `whop-mock://${candidate.version}/${encodeURIComponent(candidate.name)}` === place.docId);
    if (source === undefined) return null;
    return `#${servedPointer(this.spec, version, source, place.pointer)}`;
  }
}

/**
 * The schema keyword an error broke. Its schemaPath is relative to the innermost `$ref`d schema:
 * its descending segments say how much of the body's path lies below that schema, which is found
 * by walking the rest of the path from the root through `$ref`s and allOf/anyOf/oneOf branches.
 */
function placeOf(root: Place, error: ErrorObject, documents: ReadonlyMap<string, unknown>): Place | undefined {
  const path = error.schemaPath.replace(/^#/, '').split('/').slice(1);
  const instance = pointerKeys(error.instancePath);
  const below = descents(path);
  if (below > instance.length) return undefined;
  let place: Place | undefined = root;
  for (const segment of instance.slice(0, instance.length - below)) {
    place = step(place, segment, documents);
    if (place === undefined) return undefined;
  }
  return follow(place, path, documents);
}

/** How many of a schemaPath's segments go into the body (the last keyword, the one broken, does not). */
function descents(path: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < path.length - 1; i += 1) {
    const keyword = path[i] as string;
    if (DESCENDS.has(keyword)) count += 1;
    if (NAMED.has(keyword)) i += 1;
  }
  return count;
}

/** The schema that judges a body's child (`segment`) under `place`. */
function step(place: Place, segment: string, documents: ReadonlyMap<string, unknown>): Place | undefined {
  for (const candidate of alternatives(place, documents)) {
    const schema = candidate.schema;
    if (!isObject(schema)) continue;
    const numeric = /^\d+$/.test(segment);
    if (isObject(schema.properties) && segment in schema.properties) return child(candidate, ['properties', segment]);
    if (numeric && Array.isArray(schema.prefixItems) && Number(segment) < schema.prefixItems.length) return child(candidate, ['prefixItems', segment]);
    if (numeric && isObject(schema.items)) return child(candidate, ['items']);
    if (!numeric && isObject(schema.additionalProperties)) return child(candidate, ['additionalProperties']);
  }
  return undefined;
}

/** The keyword a schemaPath names, from the first of the place's alternatives that has it. */
function follow(place: Place, path: readonly string[], documents: ReadonlyMap<string, unknown>): Place | undefined {
  for (const candidate of alternatives(place, documents)) {
    const keyword = path[path.length - 1];
    const holder = path.slice(0, -1);
    const at = child(candidate, holder);
    if (isObject(at.schema) && (keyword === undefined || keyword in at.schema)) return child(candidate, path);
  }
  return undefined;
}

/** A place and everything it stands for: the schemas its `$ref`s lead to, and its branches' (depth-first). */
function alternatives(place: Place, documents: ReadonlyMap<string, unknown>, depth = 0): Place[] {
  if (depth > 16 || !isObject(place.schema)) return [place];
  const found: Place[] = [place];
  const ref = place.schema.$ref;
  if (typeof ref === 'string') {
    const hash = ref.indexOf('#');
    const target: Place = { schema: schemaAt(ref, documents), docId: hash === -1 ? ref : ref.slice(0, hash), pointer: hash === -1 ? '' : decodeURIComponent(ref.slice(hash + 1)) };
    found.unshift(...alternatives(target, documents, depth + 1));
  }
  for (const keyword of BRANCHES) {
    const branches = place.schema[keyword];
    if (Array.isArray(branches)) branches.forEach((_, i) => found.push(...alternatives(child(place, [keyword, String(i)]), documents, depth + 1)));
  }
  return found;
}

function child(place: Place, keys: readonly string[]): Place {
  let schema = place.schema;
  for (const key of keys) schema = isObject(schema) || Array.isArray(schema) ? (schema as Record<string, unknown>)[key] : undefined;
  return { schema, docId: place.docId, pointer: keys.reduce((at, key) => `${at}/${escapeSegment(key)}`, place.pointer) };
}
