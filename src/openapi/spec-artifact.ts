import type { CompiledSpec, Operation } from './compile-operations.js';
import type { SpecDocument, SpecFile } from './load-specs.js';

/**
 * A CompiledSpec as plain JSON, for the compiled-spec cache. An inherited operation is stored once
 * and referred to by index, so the revived spec keeps its identity. Paths are not stored: a
 * document gets its display path from the folder it is read from now.
 */
export interface SpecArtifact {
  readonly versions: string[];
  readonly versionDates: Array<[string, string]>;
  readonly operations: Array<Omit<Operation, 'file'> & { source: number }>;
  readonly byVersion: Array<[string, number[]]>;
  readonly schemaDocuments: Array<[string, unknown]>;
  readonly formats: string[];
  readonly sources: Array<Omit<SpecDocument, 'file'>>;
}

export function specArtifact(spec: CompiledSpec): SpecArtifact {
  const unique = [...new Set([...spec.operations.values()].flat())];
  const index = new Map(unique.map((operation, i) => [operation, i]));
  const sourceOf = new Map(spec.sources.map((source, i) => [source.file, i]));
  return {
    versions: spec.versions,
    versionDates: [...spec.versionDates],
    operations: unique.map(({ file, ...rest }) => ({ ...rest, source: sourceOf.get(file) ?? -1 })),
    byVersion: [...spec.operations].map(([version, list]) => [version, list.map((operation) => index.get(operation) ?? -1)]),
    schemaDocuments: [...spec.schemaDocuments],
    formats: [...spec.formats],
    sources: spec.sources.map(({ file: _file, ...rest }) => rest),
  };
}

/** The CompiledSpec an artifact stands for; undefined when it names a file `files` lack. */
export function reviveSpec(artifact: SpecArtifact, files: readonly SpecFile[]): CompiledSpec | undefined {
  const fileOf = new Map(files.map((f) => [f.name, f.file]));
  const sources: SpecDocument[] = [];
  for (const source of artifact.sources) {
    const file = fileOf.get(source.name);
    if (file === undefined) return undefined;
    sources.push({ ...source, file });
  }
  const operations: Operation[] = artifact.operations.map(({ source, ...rest }) => ({ ...rest, file: sources[source]?.file ?? '' }));
  return {
    versions: artifact.versions,
    versionDates: new Map(artifact.versionDates),
    operations: new Map(artifact.byVersion.map(([version, list]) => [version, list.map((i) => operations[i] as Operation)])),
    schemaDocuments: new Map(artifact.schemaDocuments),
    formats: new Set(artifact.formats),
    sources,
  };
}
