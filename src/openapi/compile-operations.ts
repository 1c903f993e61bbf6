import type { JsonObject, SpecDocument } from './load-specs.js';
import { isObject } from './load-specs.js';
import { asObject, resolveRef } from './resolve-ref.js';
import { sanitizeSchema } from './sanitize-schema.js';
import { SpecError } from './spec-error.js';
import { versionDates } from './version-dates.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** Sanitized schema (local $refs made absolute) for Ajv. */
  schema: unknown;
  /** The top-level JSON type, used to turn query/header strings into values before validation. */
  type: string | undefined;
}

export interface ResponseSpec {
  status: string;
  schema: unknown;
  examples: Record<string, unknown>;
}

/** One operation of one API version: everything the request path needs, compiled at start. */
export interface Operation {
  operationId: string;
  method: string;
  path: string;
  version: string;
  file: string;
  documentId: string;
  parameters: ParameterSpec[];
  body: { required: boolean; schema: unknown } | null;
  responses: ResponseSpec[];
  /** Scopes the caller's token must hold; null when the operation needs no token. */
  scopes: string[] | null;
  /** JSON pointer inside a returned object -> scope that unmasks it (our `x-field-scopes`). */
  fieldScopes: Record<string, string>;
  /** Query parameter and top-level body field names, for handlers (see HandlerContext). */
  declared: ReadonlySet<string>;
}

export interface CompiledSpec {
  /** Ascending; the first is what a request without Api-Version-Date gets. */
  versions: string[];
  /** Every recognized Api-Version-Date value -> the version it selects, in ascending date order. */
  versionDates: ReadonlyMap<string, string>;
  operations: Map<string, Operation[]>;
  /** Sanitized documents to register with Ajv, keyed by document id. */
  schemaDocuments: Map<string, unknown>;
  formats: Set<string>;
  sources: SpecDocument[];
}

/**
 * Flattens the documents into one operation list per version. A version also serves every
 * operation of an older version that it does not redefine (same method and path), as dated APIs
 * do: only what changed is declared anew.
 */
export function compileOperations(documents: SpecDocument[]): CompiledSpec {
  const formats = new Set<string>();
  const schemaDocuments = new Map<string, unknown>();
  const own = new Map<string, Operation[]>();
  for (const source of documents) {
    // Named by file name, not path: the same documents compile alike wherever the folder is.
    const documentId = `whop-mock://${source.version}/${encodeURIComponent(source.name)}`;
    const components = asObject(source.document.components);
    schemaDocuments.set(documentId, {
      $id: documentId,
      components: { schemas: sanitizeSchema(asObject(components.schemas), documentId, formats) },
    });
    const list = own.get(source.version) ?? [];
    list.push(...operationsOf(source, documentId, formats));
    own.set(source.version, list);
  }
  const versions = [...own.keys()].sort();
  const operations = new Map<string, Operation[]>();
  let inherited: Operation[] = [];
  for (const version of versions) {
    const mine = dedupe(own.get(version) ?? []);
    const keys = new Set(mine.map(routeKey));
    const effective = [...mine, ...inherited.filter((op) => !keys.has(routeKey(op)))];
    operations.set(version, effective);
    inherited = effective;
  }
  return { versions, versionDates: versionDates(documents), operations, schemaDocuments, formats, sources: documents };
}

function routeKey(op: Operation): string {
  return `${op.method} ${op.path.replace(/\{[^}]+\}/g, '{}')}`;
}

/** Two documents of one version declaring the same route: the file that sorts first wins. */
function dedupe(list: Operation[]): Operation[] {
  const seen = new Set<string>();
  return list.filter((op) => (seen.has(routeKey(op)) ? false : (seen.add(routeKey(op)), true)));
}

function operationsOf(source: SpecDocument, documentId: string, formats: Set<string>): Operation[] {
  const { document, file, version } = source;
  const result: Operation[] = [];
  const ids = new Set<string>();
  for (const [path, rawItem] of Object.entries(asObject(document.paths))) {
    const item = asObject(resolveRef(document, rawItem, file));
    for (const method of METHODS) {
      const raw = item[method];
      if (!isObject(raw)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const operationId = typeof raw.operationId === 'string' ? raw.operationId : where;
      if (ids.has(operationId)) throw new SpecError(file, `operationId "${operationId}" is used twice`);
      ids.add(operationId);
      const schema = (value: unknown) => sanitizeSchema(value, documentId, formats);
      const parameters = parametersOf(document, file, item.parameters, raw.parameters, schema);
      result.push({
        operationId,
        method: method.toUpperCase(),
        path,
        version,
        file,
        documentId,
        parameters,
        body: bodyOf(document, file, raw.requestBody, schema),
        responses: responsesOf(document, file, raw.responses, schema),
        scopes: scopesOf(raw.security ?? document.security),
        fieldScopes: fieldScopesOf(raw['x-field-scopes'], file, where),
        declared: new Set([
          ...parameters.filter((p) => p.in === 'query').map((p) => p.name),
          ...bodyFieldsOf(document, file, raw.requestBody),
        ]),
      });
    }
  }
  return result;
}

function parametersOf(
  document: JsonObject,
  file: string,
  shared: unknown,
  own: unknown,
  schema: (value: unknown) => unknown,
): ParameterSpec[] {
  const byKey = new Map<string, ParameterSpec>();
  for (const rawParam of [...(Array.isArray(shared) ? shared : []), ...(Array.isArray(own) ? own : [])]) {
    const param = asObject(resolveRef(document, rawParam, file));
    const where = param.in as ParameterSpec['in'];
    if (typeof param.name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(where)) {
      throw new SpecError(file, `parameter ${JSON.stringify(param.name)} needs a name and in: path|query|header|cookie`);
    }
    const resolved = asObject(resolveRef(document, param.schema, file));
    const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== 'null') : resolved.type;
    byKey.set(`${where}:${param.name}`, {
      name: where === 'header' ? param.name.toLowerCase() : param.name,
      in: where,
      required: where === 'path' || param.required === true,
      schema: schema(param.schema ?? {}),
      type: typeof type === 'string' ? type : undefined,
    });
  }
  return [...byKey.values()];
}

function bodyOf(document: JsonObject, file: string, raw: unknown, schema: (value: unknown) => unknown) {
  if (raw === undefined) return null;
  const body = asObject(resolveRef(document, raw, file));
  const json = asObject(asObject(body.content)['application/json']);
  return { required: body.required === true, schema: json.schema === undefined ? undefined : schema(json.schema) };
}

function bodyFieldsOf(document: JsonObject, file: string, raw: unknown): string[] {
  const body = asObject(resolveRef(document, raw, file));
  const json = asObject(asObject(body.content)['application/json']);
  return Object.keys(asObject(asObject(resolveRef(document, json.schema, file)).properties));
}

function responsesOf(document: JsonObject, file: string, raw: unknown, schema: (value: unknown) => unknown): ResponseSpec[] {
  return Object.entries(asObject(raw)).map(([status, rawResponse]) => {
    const response = asObject(resolveRef(document, rawResponse, file));
    const json = asObject(asObject(response.content)['application/json']);
    const examples: Record<string, unknown> = {};
    for (const [name, example] of Object.entries(asObject(json.examples))) {
      examples[name] = asObject(resolveRef(document, example, file)).value;
    }
    if (json.example !== undefined) examples.default ??= json.example;
    return { status, schema: json.schema === undefined ? undefined : schema(json.schema), examples };
  });
}

function scopesOf(security: unknown): string[] | null {
  if (!Array.isArray(security) || security.length === 0) return null;
  if (security.some((requirement) => isObject(requirement) && Object.keys(requirement).length === 0)) return null;
  const first = asObject(security[0]);
  return Object.values(first).flatMap((scopes) => (Array.isArray(scopes) ? scopes.map(String) : []));
}

function fieldScopesOf(raw: unknown, file: string, where: string): Record<string, string> {
  if (raw === undefined) return {};
  const entries = Object.entries(asObject(raw));
  if (!isObject(raw) || entries.some(([pointer, scope]) => !pointer.startsWith('/') || typeof scope !== 'string')) {
    throw new SpecError(file, `${where}: x-field-scopes must map JSON pointers ("/user/email") to scope names`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
