import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The house's promises (src/README.md): each folder is a layer and imports only from the layers
// below it; nothing imports itself back through others; and the core (the one function from a
// request to a response) reaches no socket, no file and no process. Read from the import lines,
// so a change that breaks one fails here rather than in review.
const SRC = resolve('src');
const LAYERS = ['kernel', 'logging', 'openapi', 'validation', 'world', 'domain', 'state', 'bundle', 'pipeline', 'control', 'core', 'prism', 'proxy', 'edges', 'config', 'server', 'browser', '.'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /^(?:import|export)\s([^;]*?)from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm;
interface Edge {
  readonly target: string;
  /** A package or node: module rather than a file of src/. */
  readonly external: boolean;
  readonly typeOnly: boolean;
}
const texts = new Map(sourceFiles(SRC).map((file) => [file, readFileSync(file, 'utf8')]));
const graph = new Map<string, Edge[]>(
  [...texts].map(([file, text]) => [
    file,
    [...text.matchAll(IMPORT)].map((match) => {
      const spec = (match[2] ?? match[3]) as string;
      const typeOnly = match[1] !== undefined && /^type\s/.test(match[1]);
      return spec.startsWith('.') ? { target: resolve(dirname(file), spec.replace(/\.js$/, '.ts')), external: false, typeOnly } : { target: spec, external: true, typeOnly };
    }),
  ]),
);
const name = (file: string) => relative(SRC, file).split('\\').join('/');
const layerOf = (file: string) => LAYERS.indexOf(name(file).includes('/') ? (name(file).split('/')[0] as string) : '.');

function reachable(from: string, values = false): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const edge of graph.get(file) ?? []) if (!edge.external && !(values && edge.typeOnly)) visit(edge.target);
  };
  visit(from);
  return seen;
}

describe('module layering', () => {
  it('reads a real import graph (every import names a file that exists, every folder is a layer)', () => {
    expect(graph.size).toBeGreaterThan(50);
    const missing = [...graph].flatMap(([file, edges]) => edges.filter((e) => !e.external && !graph.has(e.target)).map((e) => `${name(file)} -> ${name(e.target)}`));
    expect(missing).toEqual([]);
    expect([...graph.keys()].filter((file) => layerOf(file) === -1).map(name)).toEqual([]);
  });

  it('no import runs back up the layers', () => {
    const upward = [...graph].flatMap(([file, edges]) => edges.filter((e) => !e.external && layerOf(e.target) > layerOf(file)).map((e) => `${name(file)} -> ${name(e.target)}`));
    expect(upward).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles = [...graph.keys()].filter((file) => (graph.get(file) ?? []).some((edge) => !edge.external && reachable(edge.target).has(file)));
    expect(cycles.map(name)).toEqual([]);
  });

  it('the core reaches no socket, no file and no process (only its edges do)', () => {
    const core = [...reachable(join(SRC, 'core/mock-core.ts'), true)];
    expect(core.map(name)).toContain('pipeline/handle-api-request.ts');
    const forbidden = /^node:(http|https|net|fs|child_process|worker_threads)$/;
    const found = core.flatMap((file) => (graph.get(file) ?? []).filter((e) => e.external && !e.typeOnly && forbidden.test(e.target)).map((e) => `${name(file)} -> ${e.target}`));
    const usesProcess = core.filter((file) => /(^|[^.\w])process\.\w/.test((texts.get(file) ?? '').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map(name);
    expect([...found, ...usesProcess]).toEqual([]);
  });

  it('the browser entry reaches only the platform modules its build maps, and no faker, Prism, Redis or Ajv compiler', () => {
    const browser = [...reachable(join(SRC, 'browser/index.ts'), true)];
    expect(browser.map(name)).toContain('core/mock-core.ts');
    const external = new Set(browser.flatMap((file) => (graph.get(file) ?? []).filter((e) => e.external && !e.typeOnly).map((e) => e.target)));
    // node:crypto and node:module are mapped to src/browser/platform/ by scripts/build-browser.mjs;
    // yaml and json-schema-faker are loaded lazily (GET /__mock/openapi/*.yaml, Prefer: dynamic=true).
    expect([...external].sort()).toEqual(['json-schema-faker', 'node:crypto', 'node:module', 'yaml']);
    expect(browser.map(name).filter((file) => /^(server|prism|proxy|config\/mock-server-options|bundle\/(load-bundle|compiled-|artifact-store)|world\/(kind-generators|generate-))/.test(file))).toEqual([]);
  });

  it('only the CLI answers for the process: no library module registers a process-wide handler', () => {
    const handlers = [...graph.keys()].filter((file) => /process\.(?:on|once|prependListener)\(/.test(texts.get(file) ?? ''));
    expect(handlers.map(name)).toEqual(['cli.ts']);
  });

  it('every module that finds a package file from import.meta.url sits one folder below src/, where the CLI bundle (dist/bin/) sits', () => {
    const finders = [...graph.keys()].filter((file) => (texts.get(file) ?? '').includes('import.meta.url')).map(name);
    expect(finders.length).toBeGreaterThan(0);
    expect(finders.filter((file) => file.split('/').length !== 2)).toEqual([]);
  });
});
