import { isObject, type JsonObject } from './load-specs.js';
import { BUNDLE_HINT, SpecError } from './spec-error.js';

/**
 * Follows a local `$ref` ("#/components/parameters/X") to the object it names. Used for the
 * OpenAPI objects around schemas (parameters, request bodies, responses, path items); schemas
 * themselves keep their $refs and are resolved by Ajv.
 */
export function resolveRef(document: JsonObject, node: unknown, file: string, seen = new Set<string>()): unknown {
  if (!isObject(node) || typeof node.$ref !== 'string') return node;
  const ref = node.$ref;
  if (!ref.startsWith('#/')) throw new SpecError(file, `external $ref "${ref}" is not supported: ${BUNDLE_HINT}`);
  if (seen.has(ref)) throw new SpecError(file, `$ref cycle through "${ref}"`);
  seen.add(ref);
  let target: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) || Array.isArray(target) ? (target as JsonObject)[part] : undefined;
    if (target === undefined) throw new SpecError(file, `$ref "${ref}" points at nothing`);
  }
  return resolveRef(document, target, file, seen);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}
