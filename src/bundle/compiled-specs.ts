import { compileOperations, type CompiledSpec } from '../openapi/compile-operations.js';
import { parseSpecFiles } from '../openapi/load-specs.js';
import { reviveSpec, specArtifact, type SpecArtifact } from '../openapi/spec-artifact.js';
import type { SpecFiles } from '../openapi/spec-files.js';
import { errorEnvelopeValidator } from '../server/error-envelope-validator.js';
import { deepFreeze } from '../store/collection-base.js';
import { AjvValidators } from '../validation/ajv-validators.js';
import { compiledValidators } from '../validation/compiled-validators.js';
import { SpecValidators } from '../validation/spec-validators.js';
import type { ValidatorCodes } from '../validation/validator-source.js';
import type { ArtifactStore } from './artifact-store.js';

/** Where a start got its compiled specs from. */
export type CompiledFrom = 'precompiled' | 'cache' | 'compiled';

export interface CompiledSpecs {
  readonly spec: CompiledSpec;
  readonly validators: SpecValidators;
  readonly from: CompiledFrom;
  /** The folder a compiled form was read from or written to. */
  readonly dir: string | undefined;
}

interface Artifact {
  readonly spec: SpecArtifact;
  readonly validators: ValidatorCodes;
}

/**
 * The specs compiled, and every validator the request path and start-up need: from a compiled
 * form of these exact documents (shipped in the package for the bundled specs, or cached by an
 * earlier start), else parsed and compiled now and the compiled form written for the next start.
 * A compiled form that does not fit (another file set, a missing validator) is a miss, never an
 * error; parsing and compiling report problems exactly as they always did.
 */
export function compiledSpecs(files: SpecFiles, store: ArtifactStore, isShipped: (dir: string) => boolean, key: string): CompiledSpecs {
  const found = store.read<Artifact>(key);
  if (found !== undefined) {
    const spec = reviveSpec(found.artifact.spec, files.files);
    if (spec !== undefined) {
      try {
        const validators = ready(spec, new SpecValidators(spec, compiledValidators(found.artifact.validators)));
        return { spec: deepFreeze(spec), validators, from: isShipped(found.dir) ? 'precompiled' : 'cache', dir: found.dir };
      } catch {
        // Another file set (MissingValidator) or a form this code cannot read: compile instead.
      }
    }
  }
  const spec = compileOperations(parseSpecFiles(files.files));
  const ajv = new AjvValidators(spec.schemaDocuments, spec.formats, { source: store.writable });
  const validators = ready(spec, new SpecValidators(spec, ajv));
  const dir = store.writable ? store.write(key, { spec: specArtifact(spec), validators: ajv.standalone() } satisfies Artifact) : undefined;
  return { spec: deepFreeze(spec), validators, from: 'compiled', dir };
}

/** Makes the validators start-up asks for beyond the operations' own (the error envelope). */
function ready(spec: CompiledSpec, validators: SpecValidators): SpecValidators {
  errorEnvelopeValidator(spec, validators);
  return validators;
}
