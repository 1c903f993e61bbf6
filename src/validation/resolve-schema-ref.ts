import { isObject } from '../openapi/load-specs.js';

/** The schema an absolute `$ref` (document id + JSON pointer) names in the compiled spec's documents. */
export function resolveSchemaRef(ref: string, documents: ReadonlyMap<string, unknown>): unknown {
  const [id, fragment = ''] = ref.split('#');
  let node: unknown = documents.get(id ?? '');
  for (const raw of fragment.split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[part] : undefined;
  }
  return node;
}
