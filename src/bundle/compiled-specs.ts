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
import type { ValidatorCodes, ValidatorSource } from '../validation/validator-source.js';
import type { ArtifactStore } from './artifact-store.js';

/** The specs and validators, from a compiled form of these documents (shipped or cached), else compiled now. */
export function compiledSpecs(files: SpecFiles, store: ArtifactStore, key: string) {
  const revive = (artifact: { spec: SpecArtifact; validators: ValidatorCodes }) => {
    const spec = reviveSpec(artifact.spec, files.files);
    if (spec === undefined) throw new Error('a compiled form of other files');
    return { spec: deepFreeze(spec), validators: validatorsOf(spec, compiledValidators(artifact.validators)) };
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
  return { spec, validators: validatorsOf(spec, ajv), codes: options.source === true ? ajv.standalone() : undefined };
}

/** The spec's validators over `source`, Ajv made only for a schema no compiled code covers (see LateValidators). */
function validatorsOf(spec: CompiledSpec, source: ValidatorSource): SpecValidators {
  const validators = new SpecValidators(spec, source, (options) => new AjvValidators(spec.schemaDocuments, spec.formats, options));
  // Made now: what start-up and the control plane ask for beyond the operations' own (the error envelope, fault rules).
  errorEnvelopeValidator(spec, validators);
  validators.compileResponseSchema(FAULT_RULE_SCHEMA);
  return validators;
}
