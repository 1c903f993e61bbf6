import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createProxy } from '../proxy/create-proxy.js';
import { checkRecording } from '../recording/check-recording.js';
import { controlAccess } from '../admin/control-access.js';
import { controlPlane } from '../admin/control-plane.js';
import { createControlRouter } from '../admin/control-router.js';
import { loadBundle } from '../bundle/load-bundle.js';
import { forgetCached } from '../bundle/process-cache.js';
import { createHandlers } from '../handlers/create-handlers.js';
import { CursorCodec } from '../handlers/paginate.js';
import { checkLimits } from '../config/check-limits.js';
import { allowsOrigin, corsPolicy } from '../http/cors.js';
import { createHttpServer } from '../http/create-http-server.js';
import { createRequestListener } from '../http/create-request-listener.js';
import { createLogger } from '../http/logger.js';
import { BodyBuffers } from '../http/read-body.js';
import { DEFAULT_SESSION } from '../store/session-registry.js';
import type { WorldState } from '../store/world-state.js';
import { createStore } from './create-store.js';
import type { MockServer } from './mock-server.js';
import { resolveOptions, type MockServerOptions } from './mock-server-options.js';
import { readStateFile, writeStateFile } from './state-file.js';
import { checkPostedWorld } from './check-posted-world.js';
import { servedWorld } from './served-world.js';
import { watchInputs } from './watch-inputs.js';
import { worldPipelines } from './world-pipelines.js';
import { WorldReloader } from './world-reloader.js';

export type { MockServer } from './mock-server.js';
export type { OperationSummary } from './served-world.js';
export type { ReloadResult, ReloadStatus } from './world-reloader.js';


/** How often a replica that finds the store holding another world tries to reload and follow it. */
const FOLLOW_EVERY_MS = 1000;

/** How long the server must have been quiet before Prism is loaded in the background. */
const PRISM_IDLE_MS = 250;

/**
 * Builds everything — specs, validators, world, sessions, handlers, HTTP — and starts
 * listening. No module-level state: two servers in one process never see each other.
 * Anything wrong with the specs or fixtures rejects here, before a request is served.
 */
export async function createMockServer(input: MockServerOptions = {}): Promise<MockServer> {
  const options = checkLimits(resolveOptions(input));
  const logger = createLogger(options.logLevel, options.log, options.logFormat);
  // Specs, validators and the checked base world: built once per process for the same inputs.
  const bundle = await loadBundle(options);
  logger.debug('start-up inputs', { specs: bundle.from.specs, records: bundle.from.records, world: bundle.from.world });
  // With Redis, a request may find that another replica reloaded to another world: this one then
  // reloads its own files to follow (at most once a second), and serves again once they match.
  let follow = (): void => undefined;
  const { store, cursorSecret } = await createStore(options, bundle, logger, () => follow());
  const handlers = createHandlers(new CursorCodec(cursorSecret));
  const onProxyError = (what: string, error: unknown) => logger.error(`proxy: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  if (options.mode === 'proxy' && options.record !== undefined) mkdirSync(options.record, { recursive: true });
  const onLeftOut = (error: Error, kept: boolean) =>
    logger.warn(`proxy: recording into ${options.record} ${kept ? 'kept the last written version of' : 'left out'} a record that would not pass the fixture checks (until a later answer changes it)`, { error: error.message });
  const recording = options.record === undefined ? undefined : { dir: options.record, raw: options.recordRaw, check: checkRecording(bundle.spec, bundle.validators, bundle.records), onLeftOut };
  const proxy = options.mode === 'proxy' ? createProxy<WorldState>(bundle.spec, { ...options, upstream: String(options.upstream), recording }, onProxyError) : null;
  const worldOptions = { versionDates: options.versionDates, validateResponses: options.validateResponses, maxDelayMs: options.maxDelayMs, handlers, upstream: proxy?.source };
  const initial = servedWorld(bundle, worldOptions);
  for (const warning of initial.warnings) logger.warn(warning);
  const http = createHttpServer(options, logger);
  const bodyBuffers = new BodyBuffers(options.bodyBufferBytes);
  const reloader = new WorldReloader(initial, {
    build: async (previous) => {
      // The proxy, its drift report and its recording are built on the specs of the start.
      if (proxy !== null) throw new Error('reload is for mock mode: in proxy mode the specs checked against the upstream are those of the start; restart to change them');
      return servedWorld(await loadBundle(options), worldOptions, previous);
    },
    // Every session starts again from the new fixtures, keeping its journal and fault rules
    // (with Redis: on every replica; see SessionStore.adopt).
    adopt: async (next, previous) => {
      await store.adopt(next.world, previous.bundle.fingerprint, next.bundle.fingerprint);
      if (next.world !== previous.world) forgetCached('world', previous.bundle.worldKey);
    },
    verify: (current) => store.adopt(current.world, current.bundle.fingerprint, current.bundle.fingerprint),
    onSuccess: (result, trigger) => logger.info(result.changed ? 'reloaded the specs and fixtures' : 'reload: nothing changed', { trigger, duration_ms: result.duration_ms }),
    onFailure: (message, trigger) => logger.error(`reload failed, still serving the previous specs and fixtures: ${message}`, { trigger }),
  });
  let followedAt = 0;
  follow = () => {
    if (Date.now() - followedAt < FOLLOW_EVERY_MS) return;
    followedAt = Date.now();
    void reloader.reload('the store holds another world').catch(() => undefined);
  };
  // The request path reads the pipeline of the world served when the request starts.
  const pipelineOf = worldPipelines({ options, logger, handlers, store, stopping: http.stopping, proxy });
  const plane = controlPlane({
    store,
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
    drift: proxy ? () => proxy.drift.toJSON() : undefined,
  });
  const controlCors = corsPolicy(options.controlOrigins);
  const control = createControlRouter({
    plane,
    access: controlAccess({ adminToken: options.adminToken, openControl: options.openControl, allowsOrigin: (origin) => allowsOrigin(controlCors, origin) }),
    bodyLimit: options.bodyLimit,
    bodyBuffers,
    maxJsonDepth: options.maxJsonDepth,
    pageMax: options.controlPageMax,
    stallMs: options.requestTimeoutMs,
    onCrash: (error, method, path) => logger.error('control endpoint crashed', { method, path, error: error instanceof Error ? error.stack : String(error) }),
  });
  const cors = corsPolicy(options.corsOrigins || '*');
  if (options.stateFile !== undefined) {
    const saved = readStateFile(options.stateFile);
    try {
      if (saved !== undefined) await plane.control(DEFAULT_SESSION).restore(saved);
    } catch (error) {
      throw new Error(`${options.stateFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const listener = createRequestListener({
    get pipeline() {
      return pipelineOf(reloader.current);
    },
    logger,
    bodyLimit: options.bodyLimit,
    bodyBuffers,
    guard: http.guard,
    control,
    cors,
    controlCors,
  });
  await http.listen(listener, options.port, options.host);
  // Prism (only for operations without a handler) takes about a second of blocked event loop to
  // load: not before listening (start-up stays fast), and not while requests are being answered,
  // but at the first quiet moment. A request that needs it sooner loads it itself and waits.
  if (options.loadPrism === 'idle') http.whenIdle(PRISM_IDLE_MS, () => reloader.current.sources.warm());
  const watching = options.watch && proxy === null
    ? watchInputs(
        [options.specs, options.fixtures],
        (file) => void reloader.reload(`changed: ${file}`).catch(() => undefined),
        (problem) => logger.warn(problem),
      )
    : undefined;
  const { port } = http.server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    get versions() {
      return reloader.current.spec.versions;
    },
    get versionDates() {
      return Object.fromEntries(reloader.current.spec.versionDates);
    },
    versionDateMode: options.versionDates,
    get operations() {
      return [...reloader.current.operations];
    },
    get warnings() {
      return [...reloader.current.warnings];
    },
    mode: options.mode,
    upstream: options.upstream ?? null,
    drift: () => proxy?.drift.toJSON() ?? null,
    close: async () => {
      watching?.close();
      try {
        const result = await http.close();
        // The state is saved once nothing can change it any more.
        if (options.stateFile !== undefined) writeStateFile(options.stateFile, await plane.control(DEFAULT_SESSION).state());
        return result;
      } finally {
        await proxy?.close();
        await store.close().finally(() => logger.close?.());
      }
    },
    reset: () => plane.session(DEFAULT_SESSION).reset(),
    session: (name) => plane.session(name),
    sessionAsync: (name) => plane.sessionAsync(name),
    store: store.kind,
    reload: (trigger = 'server.reload()') => reloader.reload(trigger),
    reloadStatus: () => reloader.status(),
  };
}
