import type { Bundle } from '../bundle/bundle.js';
import { checkPostedWorld } from '../bundle/check-posted-world.js';
import { AdminFailures } from '../control/admin-failures.js';
import { controlAccess } from '../control/control-access.js';
import { controlPlane, type ControlPlane, type ControlPlaneDeps } from '../control/control-plane.js';
import { controlRouter } from '../control/control-router.js';
import type { Logger } from '../logging/logger.js';
import { AnswerMemo } from '../pipeline/answer-memo.js';
import { CoverageCounter } from '../pipeline/count-coverage.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Core } from '../kernel/core-request.js';
import { allowsOrigin, corsPolicy } from './cors.js';
import { createCore } from './create-core.js';
import { servedWorld, type ServedWorld, type ServedWorldOptions } from './served-world.js';
import { WorldReloader } from './world-reloader.js';

/** The settings the core reads (every one has its default and flag in src/config). */
export interface CoreOptions extends Pick<ServedWorldOptions, 'versionDates' | 'validateResponses' | 'maxDelayMs'> {
  readonly maxJsonDepth: number;
  readonly controlPageMax: number;
  readonly corsOrigins: string;
  readonly controlOrigins: string;
  readonly adminToken?: string | undefined;
  readonly openControl: boolean;
  /** Host names (besides loopback names and IP addresses) /__mock answers at without an admin token. */
  readonly controlHosts: readonly string[];
  /** Wrong admin tokens one client may send in a minute before it is slowed down (429). */
  readonly maxAdminFailures: number;
}

/** What a reload takes from the sessions before the swap and puts back after it (src/server/state-keeper.ts). */
export interface ReloadKeeper<K> {
  keep(previous: ServedWorld): K;
  putBack(kept: K, next: ServedWorld): Promise<void>;
}

/** What an edge of the composition (src/server, a browser entry) hands the core: values, no files or sockets. */
export interface MockParts
  extends Pick<ServedWorldOptions, 'handlers' | 'modeFor'>,
    Pick<ControlPlaneDeps, 'store' | 'coverage' | 'inspector' | 'drift'> {
  readonly bundle: Bundle;
  readonly options: CoreOptions;
  readonly logger: Logger;
  /** Builds the bundle again from the inputs (a reload); absent where there is nothing to read again. */
  readonly reloadBundle?: (() => Promise<Bundle>) | undefined;
  /** A state file's world, kept across a reload. */
  readonly keeper?: ReloadKeeper<unknown> | undefined;
}

export interface MockCore {
  readonly core: Core;
  readonly plane: ControlPlane;
  readonly reloader: WorldReloader;
  /** Aborted when the mock begins to stop: requests waiting out a delay are answered at once. */
  readonly stopping: AbortController;
}

/** Builds the mock from values (world, reloader, pipelines, control plane): two share nothing that changes. */
export function buildMock(parts: MockParts): MockCore {
  const { options, store, logger } = parts;
  const worldOptions = { versionDates: options.versionDates, validateResponses: options.validateResponses, maxDelayMs: options.maxDelayMs, handlers: parts.handlers, modeFor: parts.modeFor };
  const initial = servedWorld(parts.bundle, worldOptions);
  for (const warning of initial.warnings) logger.warn(warning);
  const reloader = new WorldReloader(initial, {
    build: async (previous) => {
      if (parts.reloadBundle === undefined) throw new Error('there is nothing to reload: this mock was built from values, not from files');
      return servedWorld(await parts.reloadBundle(), worldOptions, previous);
    },
    // Every session starts again from the new fixtures, keeping journal and fault rules (SessionStore.adopt).
    adopt: async (next, previous) => {
      const kept = parts.keeper?.keep(previous);
      await store.adopt(next.world, previous.bundle.fingerprint, next.bundle.fingerprint);
      await parts.keeper?.putBack(kept, next);
    },
    verify: (current) => store.adopt(current.world, current.bundle.fingerprint, current.bundle.fingerprint),
    onSuccess: (result, trigger) => logger.info(result.changed ? 'reloaded the specs and fixtures' : 'reload: nothing changed', { trigger, duration_ms: result.duration_ms }),
    onFailure: (message, trigger) => logger.error(`reload failed, still serving the previous specs and fixtures: ${message}`, { trigger }),
  });
  const stopping = new AbortController();
  // The request path reads the pipeline of the world served when the request starts.
  const pipelines = new WeakMap<ServedWorld, Pipeline>();
  const pipelineOf = (served: ServedWorld): Pipeline => {
    let pipeline = pipelines.get(served);
    if (pipeline === undefined) pipelines.set(served, (pipeline = worldPipeline(served, parts, stopping.signal)));
    return pipeline;
  };
  const plane = controlPlane({
    store,
    coverage: parts.coverage,
    get records() {
      return reloader.current.records;
    },
    // A posted world is checked as the fixtures are at start: records, integrity, token scopes, views.
    checkWorld: (input) => checkPostedWorld(reloader.current, input),
    checkFault: (rule) => reloader.current.checkFault(rule),
    get knownScopes() {
      return reloader.current.knownScopes;
    },
    versionDateMode: options.versionDates,
    startedAt: Date.now(),
    spec: () => reloader.current.spec,
    reload: () => reloader.reload('POST /__mock/reload'),
    reloadStatus: () => reloader.status(),
    drift: parts.drift,
    inspector: parts.inspector,
  });
  const controlCors = corsPolicy(options.controlOrigins);
  const control = controlRouter({
    plane,
    // adminToken, openControl and controlHosts, named as controlAccess names them.
    access: controlAccess({
      ...options,
      allowsOrigin: (origin) => allowsOrigin(controlCors, origin),
      failures: new AdminFailures(options.maxAdminFailures),
    }),
    maxJsonDepth: options.maxJsonDepth,
    pageMax: options.controlPageMax,
    onCrash: (error, method, path) => logger.error('control endpoint crashed', { method, path, error: error instanceof Error ? error.stack : String(error) }),
  });
  const core = createCore({ pipeline: () => pipelineOf(reloader.current), control, cors: corsPolicy(options.corsOrigins || '*'), controlCors });
  return { core, plane, reloader, stopping };
}

/** A served world's pipeline, made once: a request keeps its world's to the end, whatever a reload does. */
function worldPipeline(served: ServedWorld, { store, coverage, logger, options }: MockParts, stopping: AbortSignal): Pipeline {
  const { spec, selectVersion, validators, routes, specSource, envelope } = served;
  return {
    spec,
    selectVersion,
    validators,
    routes,
    store,
    mode: served.answers.mode,
    specSource,
    envelope,
    responseMode: options.validateResponses,
    maxJsonDepth: options.maxJsonDepth,
    maxDelayMs: options.maxDelayMs,
    stopping,
    memo: new AnswerMemo(),
    coverage: new CoverageCounter(coverage, spec.schemaDocuments, spec.versions, routes),
    onViolation: (violation, request, status) =>
      logger.warn('response violates the spec', { method: request.method, path: request.path, status, pointer: violation.pointer, rule: violation.rule }),
    onCrash: (error, request) =>
      logger.error('request failed', { method: request.method, path: request.path, error: error instanceof Error ? error.stack : String(error) }),
  };
}
