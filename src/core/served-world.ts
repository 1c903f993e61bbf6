import { faultRuleChecker } from '../control/fault-rule-checker.js';
import type { Bundle } from '../bundle/bundle.js';
import { handlerStatuses } from '../domain/handler-statuses.js';
import type { HandlerMap } from '../domain/handler.js';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import { RouteTable } from '../openapi/route-table.js';
import type { VersionDateMode } from '../openapi/version-date-mode.js';
import { versionSelector } from '../openapi/version-selector.js';
import type { SpecSource } from '../pipeline/answer-source.js';
import { BodyGenerator } from '../pipeline/generate-body.js';
import type { Mode } from '../pipeline/mode.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { specAnswers } from '../pipeline/spec-answerer.js';
import { specSource } from '../pipeline/spec-source.js';
import type { FaultRule } from '../state/fault-list.js';
import type { ResponseMode } from '../validation/check-response.js';
import { FAULT_RULE_SCHEMA } from '../validation/fault-rule-schema.js';
import { knownScopes } from '../bundle/check-token-scopes.js';
import { errorEnvelopeValidator } from '../bundle/error-envelope-validator.js';
import { undeclaredStatuses, undeclaredStatusWarning } from '../bundle/undeclared-statuses.js';

export interface OperationSummary {
  version: string;
  method: string;
  path: string;
  operationId: string;
  /** false: answered from the spec (examples or generated data), or by Prism where the spec cannot. */
  stateful: boolean;
  /** Who answers it when nothing is forced: its stateful handler, the spec, or the Prism engine (an optional peer dependency). */
  answeredBy: 'handler' | 'spec' | 'prism';
}

/** How the mock answers with a world of these specs: its mode, and what to load ahead of the first request that needs it. */
export interface WorldMode {
  readonly mode: Mode;
  readonly warm: () => void;
  /** What start-up should say about it (an operation that needs Prism when Prism is not installed). */
  readonly warnings?: readonly string[];
}

/** Everything served from the specs and fixtures, immutable: a reload swaps it, a request keeps its own. */
export interface ServedWorld
  extends Pick<Bundle, 'spec' | 'validators' | 'records' | 'world'>,
    Pick<Pipeline, 'routes' | 'selectVersion' | 'specSource' | 'envelope'> {
  readonly bundle: Bundle;
  readonly answers: WorldMode;
  readonly operations: readonly OperationSummary[];
  readonly warnings: readonly string[];
  readonly knownScopes: ReadonlySet<string>;
  /** Made on the first fault rule (its validator is compiled with the spec's: see FAULT_RULE_SCHEMA). */
  readonly checkFault: (input: unknown) => FaultRule;
}

export interface ServedWorldOptions {
  readonly versionDates: VersionDateMode;
  readonly validateResponses: ResponseMode;
  readonly maxDelayMs: number;
  readonly handlers: HandlerMap;
  /** The mock's mode for these specs (its answerer, with a fallback for operations without a handler), or proxy mode's. */
  readonly modeFor: (spec: CompiledSpec, specSource: SpecSource) => WorldMode;
}

/** `previous` lends what depends only on unchanged specs (a loaded fallback stays loaded). */
export function servedWorld(bundle: Bundle, options: ServedWorldOptions, previous?: ServedWorld): ServedWorld {
  const { spec, validators, records, world } = bundle;
  const same = previous !== undefined && previous.spec === spec && previous.validators === validators ? previous : undefined;
  const handled = new Set(Object.keys(options.handlers));
  const routes = same?.routes ?? new Map(spec.versions.map((version) => [version, new RouteTable(spec.operations.get(version) ?? [])]));
  let checkFault: ((input: unknown) => FaultRule) | undefined;
  const source = same?.specSource ?? specSource(validators, new BodyGenerator(spec.schemaDocuments));
  const answers = same?.answers ?? options.modeFor(spec, source);
  return {
    bundle,
    spec,
    validators,
    records,
    world,
    routes,
    selectVersion: same?.selectVersion ?? versionSelector(spec.versions, spec.versionDates, options.versionDates),
    answers,
    specSource: source,
    envelope: same?.envelope ?? errorEnvelopeValidator(spec, validators),
    operations: same?.operations ?? spec.versions.flatMap((version) =>
      (spec.operations.get(version) ?? []).map((op) => {
        const stateful = handled.has(op.operationId);
        return { version, method: op.method, path: op.path, operationId: op.operationId, stateful, answeredBy: stateful ? 'handler' : specAnswers(op) ? 'spec' : 'prism' };
      }),
    ),
    warnings: same?.warnings ?? [...(answers.warnings ?? []), ...(options.validateResponses === 'off' ? [] : undeclaredStatuses(spec, handlerStatuses, handled).map(undeclaredStatusWarning))],
    knownScopes: same?.knownScopes ?? knownScopes(spec),
    checkFault: same?.checkFault ?? ((input) => (checkFault ??= faultRuleChecker(spec, routes, validators.compileResponseSchema(FAULT_RULE_SCHEMA), validators.late, options.maxDelayMs))(input)),
  };
}
