import { isObject, type JsonObject } from '../kernel/json-pointer.js';
import { versionDates, type SpecDocument } from './load-specs.js';
import { asObject, resolveRef } from './resolve-ref.js';
import { sanitizeSchema } from './sanitize-schema.js';
import { SpecError } from './spec-error.js';

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
  /** The media types its content declares; the mock reads `application/json` only (Prism the others). */
  mediaTypes: string[];
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
  /** This version's name -> the domain's (`x-domain-name`), for inputs renamed between versions. */
  domainNames: Readonly<Record<string, string>>;
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

/** One operation list per version; a version also serves every older operation it does not redefine. */
export function compileOperations(documents: SpecDocument[]): CompiledSpec {
  const formats = new Set<string>();
  const schemaDocuments = new Map<string, unknown>();
  const own = new Map<string, Operation[]>();
  for (const source of documents) {
    // Named by file name, not path: the same documents compile alike wherever the folder is.
    const documentId = `whop-mock://${source.version}/${encodeURIComponent(source.name)}`;
    const schemas = sanitizeSchema(asObject(asObject(source.document.components).schemas), documentId, formats);
    schemaDocuments.set(documentId, { $id: documentId, components: { schemas } });
    own.set(source.version, [...(own.get(source.version) ?? []), ...operationsOf(source, documentId, formats)]);
  }
  const versions = [...own.keys()].sort();
  const operations = new Map<string, Operation[]>();
  let inherited: Operation[] = [];
  for (const version of versions) {
    // Two documents of one version declaring the same route: the file that sorts first wins.
    const mine = new Map<string, Operation>();
    for (const op of own.get(version) ?? []) if (!mine.has(routeKey(op))) mine.set(routeKey(op), op);
    const effective = [...mine.values(), ...inherited.filter((op) => !mine.has(routeKey(op)))];
    operations.set(version, effective);
    inherited = effective;
  }
  return { versions, versionDates: versionDates(documents), operations, schemaDocuments, formats, sources: documents };
}

function routeKey(op: Operation): string {
  return `${op.method} ${op.path.replace(/\{[^}]+\}/g, '{}')}`;
}

function operationsOf(source: SpecDocument, documentId: string, formats: Set<string>): Operation[] {
  const { document, file, version } = source;
  const result: Operation[] = [];
  const ids = new Set<string>();
  const resolve = (node: unknown) => asObject(resolveRef(document, node, file));
  for (const [path, rawItem] of Object.entries(asObject(document.paths))) {
    const item = resolve(rawItem);
    for (const method of METHODS) {
      const raw = item[method];
      if (!isObject(raw)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const operationId = typeof raw.operationId === 'string' ? raw.operationId : where;
      if (ids.has(operationId)) throw new SpecError(file, `operationId "${operationId}" is used twice`);
      ids.add(operationId);
      const schema = (value: unknown) => sanitizeSchema(value, documentId, formats);
      const params = [item.parameters, raw.parameters].flatMap((list) => (Array.isArray(list) ? list : []));
      const parameters = parametersOf(params, file, resolve, schema);
      const body = raw.requestBody === undefined ? undefined : resolve(raw.requestBody);
      const json = asObject(asObject(body?.content)['application/json']);
      result.push({
        operationId,
        method: method.toUpperCase(),
        path,
        version,
        file,
        documentId,
        parameters,
        body: body === undefined ? null : { required: body.required === true, schema: json.schema === undefined ? undefined : schema(json.schema) },
        responses: responsesOf(raw.responses, resolve, schema),
        scopes: scopesOf(raw.security ?? document.security),
        fieldScopes: fieldScopesOf(raw['x-field-scopes'], file, where),
        domainNames: domainNamesOf(params, resolve, resolve(json.schema)),
      });
    }
  }
  return result;
}

type Resolve = (node: unknown) => JsonObject;

function parametersOf(params: readonly unknown[], file: string, resolve: Resolve, schema: (value: unknown) => unknown): ParameterSpec[] {
  const byKey = new Map<string, ParameterSpec>();
  for (const raw of params) {
    const param = resolve(raw);
    const where = param.in as ParameterSpec['in'];
    if (typeof param.name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(where)) {
      throw new SpecError(file, `parameter ${JSON.stringify(param.name)} needs a name and in: path|query|header|cookie`);
    }
    const resolved = resolve(param.schema);
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

/** `x-domain-name` of query parameters and top-level body fields: the name the handlers read. */
function domainNamesOf(params: readonly unknown[], resolve: Resolve, bodySchema: JsonObject): Record<string, string> {
  const names: Record<string, string> = {};
  const note = (name: unknown, node: JsonObject) => {
    if (typeof name === 'string' && typeof node['x-domain-name'] === 'string') names[name] = node['x-domain-name'];
  };
  for (const param of params.map(resolve)) if (param.in === 'query') note(param.name, param);
  for (const [name, field] of Object.entries(asObject(bodySchema.properties))) note(name, asObject(field));
  return names;
}

function responsesOf(raw: unknown, resolve: Resolve, schema: (value: unknown) => unknown): ResponseSpec[] {
  return Object.entries(asObject(raw)).map(([status, rawResponse]) => {
    const content = asObject(resolve(rawResponse).content);
    const json = asObject(content['application/json']);
    const examples: Record<string, unknown> = {};
    for (const [name, example] of Object.entries(asObject(json.examples))) examples[name] = resolve(example).value;
    if (json.example !== undefined) examples.default ??= json.example;
    return { status, schema: json.schema === undefined ? undefined : schema(json.schema), examples, mediaTypes: Object.keys(content) };
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
