import { compileOperations, type CompiledSpec } from '../openapi/compile-operations.js';
import { parseSpecFiles, type SpecFile } from '../openapi/load-specs.js';
import { reviveSpec, specArtifact, type SpecArtifact } from '../openapi/spec-artifact.js';
import type { SpecFiles } from './spec-files.js';
import { errorEnvelopeValidator } from './error-envelope-validator.js';
import { deepFreeze } from '../world/collection-base.js';
import { AjvValidators } from '../validation/ajv-validators.js';
import { compiledValidators } from '../validation/compiled-validators.js';
import { FAULT_RULE_SCHEMA } from '../validation/fault-rule-schema.js';
import { SpecValidators } from '../validation/spec-validators.js';
import type { LateValidators, ValidatorCodes } from '../validation/validator-source.js';
import type { ArtifactStore } from './artifact-store.js';

/** The specs and validators, from a compiled form of these documents (shipped or cached), else compiled now. */
export function compiledSpecs(files: SpecFiles, store: ArtifactStore, key: string) {
  const revive = (artifact: { spec: SpecArtifact; validators: ValidatorCodes }) => {
    const spec = reviveSpec(artifact.spec, files.files);
    if (spec === undefined) throw new Error('a compiled form of other files');
    const validators = ready(spec, new SpecValidators(spec, compiledValidators(artifact.validators), lateValidators(spec)));
    return { spec: deepFreeze(spec), validators };
  };
  return store.load(key, revive, (source) => {
    const compiled = compileSpecs(files.files, { source });
    const artifact = compiled.codes && { spec: specArtifact(compiled.spec), validators: compiled.codes };
    return { value: { spec: deepFreeze(compiled.spec), validators: compiled.validators }, artifact };
  });
}

/** Parses and compiles spec documents with Ajv; with `source`, their standalone code too (`esm`: the browser build). */
export function compileSpecs(files: readonly SpecFile[], options: { source?: boolean; esm?: boolean } = {}): { spec: CompiledSpec; validators: SpecValidators; codes: ValidatorCodes | undefined } {
  const spec = compileOperations(parseSpecFiles(files));
  const ajv = new AjvValidators(spec.schemaDocuments, spec.formats, options);
  const validators = ready(spec, new SpecValidators(spec, ajv, lateValidators(spec)));
  return { spec, validators, codes: options.source === true ? ajv.standalone() : undefined };
}

/** Makes the validators start-up and the control plane ask for beyond the operations' own (the error envelope, fault rules). */
function ready(spec: CompiledSpec, validators: SpecValidators): SpecValidators {
  errorEnvelopeValidator(spec, validators);
  validators.compileResponseSchema(FAULT_RULE_SCHEMA);
  return validators;
}

/** Ajv, made only when a schema no compiled code covers is asked for (see LateValidators). */
function lateValidators(spec: CompiledSpec): LateValidators {
  return (options) => new AjvValidators(spec.schemaDocuments, spec.formats, options);
}
