/** A JSON object as parsed: what the spec documents, schemas and bodies are made of. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One key as a JSON Pointer segment (RFC 6901): `~` and `/` escaped. */
export function escapeSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON Pointer's keys, unescaped (`/overrides/a~1b` -> `['overrides', 'a/b']`); `uri`: a URI fragment, percent-decoded first. */
export function pointerKeys(pointer: string, uri = false): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => (uri ? decodeURIComponent(raw) : raw).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value a JSON Pointer names inside `root`, or undefined. */
export function valueAt(root: unknown, pointer: string, uri = false): unknown {
  let node = root;
  for (const key of pointerKeys(pointer, uri)) node = typeof node === 'object' && node !== null ? (node as JsonObject)[key] : undefined;
  return node;
}

/** What an absolute schema `$ref` (`<document id>#<pointer>`) names among the compiled spec's documents, or undefined. */
export function schemaAt(ref: string, documents: ReadonlyMap<string, unknown>): unknown {
  const at = ref.indexOf('#');
  const id = at === -1 ? ref : ref.slice(0, at);
  return valueAt(documents.get(id), at === -1 ? '' : ref.slice(at + 1), true);
}
