import type { CompiledSpec } from './compile-operations.js';
import type { JsonObject } from '../kernel/json-pointer.js';
import type { SpecDocument } from './load-specs.js';

/**
 * The OpenAPI document of one version as the mock enforces it (for Swagger UI, Postman, SDK
 * generators): its own document plus every operation it inherits, with `servers` pointing at this
 * mock. An inherited operation brings its components; one whose name is taken by something else is
 * renamed `<Name>_<its version>`. Undefined for a version the specs do not define.
 */
export function servedDocument(spec: CompiledSpec, version: string, baseUrl: string): JsonObject | undefined {
  const effective = spec.operations.get(version);
  if (effective === undefined) return undefined;
  const own = spec.sources.find((source) => source.version === version);
  const base = structuredClone(servedBase(spec, version)?.document ?? {}) as JsonObject;
  const paths = (base.paths ??= {}) as Record<string, JsonObject>;
  if (own === undefined) for (const key of Object.keys(paths)) delete paths[key];
  for (const op of effective) {
    if (op.file === own?.file) continue;
    const source = spec.sources.find((candidate) => candidate.file === op.file);
    if (source === undefined) continue;
    const item = (source.document.paths as Record<string, JsonObject> | undefined)?.[op.path];
    const operation = item?.[op.method.toLowerCase()];
    if (item === undefined || operation === undefined) continue;
    const renames = mergeComponents(base, source);
    const target = (paths[op.path] ??= {});
    if (item.parameters !== undefined && target.parameters === undefined) target.parameters = rewriteRefs(structuredClone(item.parameters), renames);
    target[op.method.toLowerCase()] = rewriteRefs(structuredClone(operation), renames);
  }
  base.servers = [
    { url: `${baseUrl}/api/v1`, description: 'whop-mock (the official SDK’s base URL)' },
    { url: baseUrl, description: 'whop-mock (same operations at the root)' },
  ];
  const info = (base.info ??= {}) as JsonObject;
  info['x-api-version'] = version;
  info['x-api-version-dates'] = [...spec.versionDates].filter(([, v]) => v === version).map(([date]) => date);
  return base;
}

/** The document a version's served document starts from: its own first, else the newest older one. */
function servedBase(spec: CompiledSpec, version: string): SpecDocument | undefined {
  const own = spec.sources.find((source) => source.version === version);
  return own ?? spec.sources.filter((source) => source.version < version).sort((a, b) => (a.version < b.version ? 1 : -1))[0];
}

/** Where a pointer into one source document is in the document served for `version` (see mergeComponents). */
export function servedPointer(spec: CompiledSpec, version: string, source: SpecDocument, pointer: string): string {
  const base = servedBase(spec, version);
  const found = /^\/components\/([^/]+)\/([^/]+)(.*)$/.exec(pointer);
  if (base === undefined || base === source || found === null) return pointer;
  const [, section = '', name = '', rest = ''] = found;
  const key = name.replace(/~1/g, '/').replace(/~0/g, '~');
  const theirs = (base.document.components as Record<string, Record<string, unknown>> | undefined)?.[section]?.[key];
  const mine = (source.document.components as Record<string, Record<string, unknown>> | undefined)?.[section]?.[key];
  if (theirs === undefined || JSON.stringify(theirs) === JSON.stringify(mine)) return pointer;
  return `/components/${section}/${name}_${source.version}${rest}`;
}

/** Copies the source's components into the base; returns the renames made for names already taken by something else. */
function mergeComponents(base: JsonObject, source: SpecDocument): Map<string, string> {
  const renames = new Map<string, string>();
  const from = (source.document.components ?? {}) as Record<string, Record<string, unknown>>;
  const into = (base.components ??= {}) as Record<string, Record<string, unknown>>;
  const copies: Array<[string, string, unknown]> = [];
  for (const [section, entries] of Object.entries(from)) {
    const target = (into[section] ??= {});
    for (const [name, value] of Object.entries(entries)) {
      if (!(name in target)) copies.push([section, name, value]);
      else if (JSON.stringify(target[name]) !== JSON.stringify(value)) {
        const renamed = `${name}_${source.version}`;
        renames.set(`#/components/${section}/${name}`, `#/components/${section}/${renamed}`);
        copies.push([section, renamed, value]);
      }
    }
  }
  for (const [section, name, value] of copies) (into[section] as Record<string, unknown>)[name] = rewriteRefs(structuredClone(value), renames);
  return renames;
}

function rewriteRefs<T>(value: T, renames: ReadonlyMap<string, string>): T {
  if (renames.size === 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames)) as T;
  const object = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(object)) {
    if (key === '$ref' && typeof child === 'string') {
      const hit = [...renames].find(([from]) => child === from || child.startsWith(`${from}/`));
      if (hit) object[key] = hit[1] + child.slice(hit[0].length);
    } else object[key] = rewriteRefs(child, renames);
  }
  return value;
}
