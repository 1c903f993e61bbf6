import type { HandlerMap } from '../handlers/handler.js';
import type { Logger } from '../http/logger.js';
import type { Pipeline } from '../http/pipeline.js';
import type { ProxyMode } from '../proxy/exchange.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { WorldState } from '../store/world-state.js';
import type { ResolvedOptions } from './mock-server-options.js';
import type { ServedWorld } from './served-world.js';

export interface WorldPipelineDeps {
  readonly options: ResolvedOptions;
  readonly logger: Logger;
  readonly handlers: HandlerMap<WorldState>;
  readonly store: SessionStore;
  readonly stopping: AbortSignal;
  /** Proxy mode: the upstream answers. */
  readonly proxy: { readonly mode: ProxyMode } | null;
}

/**
 * The request pipeline of each served world, made once per world: a request takes the pipeline
 * of the world served when it starts and keeps it to the end, so a reload never changes the
 * specs, routes or validators under it.
 */
export function worldPipelines(deps: WorldPipelineDeps): (served: ServedWorld) => Pipeline<WorldState> {
  const { options, logger } = deps;
  const made = new WeakMap<ServedWorld, Pipeline<WorldState>>();
  const make = (served: ServedWorld): Pipeline<WorldState> => ({
    spec: served.spec,
    selectVersion: served.selectVersion,
    validators: served.validators,
    routes: served.routes,
    handlers: deps.handlers,
    sources: served.sources,
    proxy: deps.proxy?.mode ?? null,
    envelope: served.envelope,
    responseMode: options.validateResponses,
    maxJsonDepth: options.maxJsonDepth,
    maxDelayMs: options.maxDelayMs,
    stopping: deps.stopping,
    // Proxy mode opens every session first: a request answered twice would reach the upstream twice.
    sessionFor: (name) => (deps.proxy === null && deps.store.openForRequest ? deps.store.openForRequest(name) : deps.store.open(name)),
    // Proxy mode never looks a token up (the journal then shows it as an unknown token).
    tokenLookup: (state) => (token) => (deps.proxy ? undefined : state.tokens.get(token)),
    onViolation: (violation, request, status) =>
      logger.warn('response violates the spec', { method: request.method, path: request.path, status, pointer: violation.pointer, rule: violation.rule }),
    onCrash: (error, request) =>
      logger.error('handler crashed', { method: request.method, path: request.path, error: error instanceof Error ? error.stack : String(error) }),
  });
  return (served) => {
    let pipeline = made.get(served);
    if (pipeline === undefined) made.set(served, (pipeline = make(served)));
    return pipeline;
  };
}
