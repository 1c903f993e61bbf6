import { isObject, valueAt, type JsonObject } from '../kernel/json-pointer.js';
import { BUNDLE_HINT, SpecError } from './spec-error.js';

/** Follows a local `$ref` for the OpenAPI objects around schemas (schemas keep theirs, for Ajv). */
export function resolveRef(document: JsonObject, node: unknown, file: string, seen = new Set<string>()): unknown {
  if (!isObject(node) || typeof node.$ref !== 'string') return node;
  const ref = node.$ref;
  if (!ref.startsWith('#/')) throw new SpecError(file, `external $ref "${ref}" is not supported: ${BUNDLE_HINT}`);
  if (seen.has(ref)) throw new SpecError(file, `$ref cycle through "${ref}"`);
  seen.add(ref);
  const target = valueAt(document, ref.slice(1), true);
  if (target === undefined) throw new SpecError(file, `$ref "${ref}" points at nothing`);
  return resolveRef(document, target, file, seen);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}
