import type { ValidateFunction } from 'ajv';
import { faultRuleChecker } from '../admin/fault-rule-checker.js';
import type { Bundle } from '../bundle/load-bundle.js';
import { handlerStatuses } from '../handlers/handler-statuses.js';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import { answerSources } from '../answers/answer-sources.js';
import type { AnswerSource, AnswerSources } from '../answers/answer-source.js';
import type { HandlerMap } from '../handlers/handler.js';
import type { WorldState } from '../store/world-state.js';
import { RouteTable } from '../openapi/route-table.js';
import type { FaultRule } from '../simulation/fault-list.js';
import type { RecordValidators } from '../store/record-validators.js';
import type { World } from '../store/world.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import type { VersionDateMode } from '../versions/version-date-mode.js';
import { versionSelector, type VersionSelector } from '../versions/version-selector.js';
import { knownScopes } from './check-token-scopes.js';
import { errorEnvelopeValidator } from './error-envelope-validator.js';
import { undeclaredStatuses, undeclaredStatusWarning } from './undeclared-statuses.js';

export interface OperationSummary {
  version: string;
  method: string;
  path: string;
  operationId: string;
  /** false: answered by Prism from the spec (examples or generated data). */
  stateful: boolean;
}

/**
 * Everything a server serves that comes from its specs and fixtures: one immutable value. A
 * reload builds a new one beside the old and swaps the reference; a request keeps the one it
 * began with, so it never sees half of each.
 */
export interface ServedWorld {
  readonly bundle: Bundle;
  readonly spec: CompiledSpec;
  readonly validators: SpecValidators;
  readonly records: RecordValidators;
  readonly world: World;
  readonly routes: ReadonlyMap<string, RouteTable>;
  readonly selectVersion: VersionSelector;
  /** Who answers what: the handlers, Prism, the spec's examples, or the upstream (proxy mode). */
  readonly sources: AnswerSources<WorldState>;
  readonly envelope: ValidateFunction | null;
  readonly operations: readonly OperationSummary[];
  readonly warnings: readonly string[];
  readonly knownScopes: ReadonlySet<string>;
  /** Compiled on the first fault rule: it would load Ajv's compiler at every start. */
  readonly checkFault: (input: unknown) => FaultRule;
}

export interface ServedWorldOptions {
  readonly versionDates: VersionDateMode;
  readonly validateResponses: 'strict' | 'warn' | 'off';
  readonly maxDelayMs: number;
  readonly handlers: HandlerMap<WorldState>;
  /** Proxy mode: the upstream answers. */
  readonly upstream?: AnswerSource<WorldState> | undefined;
}

/**
 * Builds the served world from a bundle. `previous` lends what depends only on the specs when
 * they did not change (Prism, once loaded, stays loaded across a fixtures-only reload).
 */
export function servedWorld(bundle: Bundle, options: ServedWorldOptions, previous?: ServedWorld): ServedWorld {
  const { spec, validators, records, world } = bundle;
  const handled = new Set(Object.keys(options.handlers));
  const sameSpec = previous !== undefined && previous.spec === spec && previous.validators === validators;
  const routes = sameSpec ? previous.routes : new Map(spec.versions.map((version) => [version, new RouteTable(spec.operations.get(version) ?? [])]));
  let checkFault: ((input: unknown) => FaultRule) | undefined;
  return {
    bundle,
    spec,
    validators,
    records,
    world,
    routes,
    selectVersion: sameSpec ? previous.selectVersion : versionSelector(spec.versions, spec.versionDates, options.versionDates),
    sources: sameSpec ? previous.sources : answerSources({ spec, validators, handlers: options.handlers, upstream: options.upstream }),
    envelope: sameSpec ? previous.envelope : errorEnvelopeValidator(spec, validators),
    operations: sameSpec
      ? previous.operations
      : spec.versions.flatMap((version) =>
          (spec.operations.get(version) ?? []).map((op) => ({ version, method: op.method, path: op.path, operationId: op.operationId, stateful: handled.has(op.operationId) })),
        ),
    warnings: sameSpec ? previous.warnings : options.validateResponses === 'off' ? [] : undeclaredStatuses(spec, handlerStatuses, handled).map(undeclaredStatusWarning),
    knownScopes: sameSpec ? previous.knownScopes : knownScopes(spec),
    checkFault: sameSpec ? previous.checkFault : (input) => (checkFault ??= faultRuleChecker(spec, routes, options.maxDelayMs))(input),
  };
}
