import type { SpecArtifact } from '../openapi/spec-artifact.js';
import type { Direction } from '../validation/validator-source.js';
import type { Fixtures } from '../world/records.js';

/** The bundled inputs: the browser build replaces this module with the one it generates (scripts/build-browser.mjs). */
export function bundledInputs(): BrowserInputs {
  throw new Error('whop-mock/browser: import the browser build (dist/browser/whop-mock.js, the package export whop-mock/browser), not its sources');
}

/** An ES module of Ajv standalone code, and which schema each of its exports validates. */
export interface ValidatorModule {
  readonly module: Readonly<Record<string, unknown>>;
  /** [schema key, export name] */
  readonly exports: ReadonlyArray<readonly [string, string]>;
}

/**
 * What whop-mock/browser is built from, at build time (scripts/build-browser.mjs): the compiled
 * specs, their validators as Ajv standalone modules, the fixtures as values. Nothing is compiled at run time.
 */
export interface BrowserInputs {
  readonly spec: SpecArtifact;
  /** The spec documents' file names, and how messages show them (`specs/2025-01-01.yaml`). */
  readonly specFiles: ReadonlyArray<{ readonly name: string; readonly file: string }>;
  readonly validators: { readonly [D in Direction]: ValidatorModule };
  /** One validator export per record kind. */
  readonly records: Readonly<Record<string, unknown>>;
  readonly fixtures: Fixtures;
  /** A hash of the specs, the records schema and the fixtures the build read. */
  readonly fingerprint: string;
}
