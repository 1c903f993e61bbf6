import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layout's two promises (src/*/README.md): the request pipeline never climbs into the admin
// side, and no module imports itself back through others. Read from the import lines, so a
// change that breaks either fails here rather than in review.
const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gm;
const graph = new Map<string, string[]>(
  sourceFiles(SRC).map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((match) => resolve(dirname(file), (match[1] as string).replace(/\.js$/, '.ts')));
    return [file, targets];
  }),
);
const name = (file: string) => relative(SRC, file).split('\\').join('/');

function reachable(from: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of graph.get(file) ?? []) visit(next);
  };
  visit(from);
  return seen;
}

describe('module layering', () => {
  it('reads a real import graph (every import names a file that exists)', () => {
    expect(graph.size).toBeGreaterThan(50);
    const missing = [...graph].flatMap(([file, targets]) => targets.filter((t) => !graph.has(t)).map((t) => `${name(file)} -> ${name(t)}`));
    expect(missing).toEqual([]);
  });

  it('the request pipeline imports nothing from src/admin', () => {
    const pipeline = [...reachable(join(SRC, 'http/handle-api-request.ts'))].map(name);
    expect(pipeline).toContain('simulation/plan-response.ts');
    expect(pipeline.filter((file) => file.startsWith('admin/'))).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles = [...graph.keys()].filter((file) => (graph.get(file) ?? []).some((next) => reachable(next).has(file)));
    expect(cycles.map(name)).toEqual([]);
  });
});
