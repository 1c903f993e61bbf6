import type { AddressInfo } from 'node:net';
import { answerSources } from '../answers/answer-sources.js';
import type { DriftReportJson } from '../drift/drift-report.js';
import { createProxy } from '../proxy/create-proxy.js';
import { checkRecording } from '../recording/check-recording.js';
import { mkdirSync } from 'node:fs';
import { controlAccess } from '../admin/control-access.js';
import { controlPlane } from '../admin/control-plane.js';
import { createControlRouter } from '../admin/control-router.js';
import { faultRuleChecker } from '../admin/fault-rule-checker.js';
import type { AsyncMockSession } from '../admin/async-mock-session.js';
import type { MockSession } from '../admin/mock-session.js';
import { loadBundle } from '../bundle/load-bundle.js';
import { createHandlers } from '../handlers/create-handlers.js';
import { handlerStatuses } from '../handlers/handler-statuses.js';
import { CursorCodec } from '../handlers/paginate.js';
import { checkLimits } from '../config/check-limits.js';
import { allowsOrigin, corsPolicy } from '../http/cors.js';
import { createHttpServer, type CloseResult } from '../http/create-http-server.js';
import { createRequestListener } from '../http/create-request-listener.js';
import { createLogger } from '../http/logger.js';
import type { Pipeline } from '../http/pipeline.js';
import { BodyBuffers } from '../http/read-body.js';
import { RouteTable } from '../openapi/route-table.js';
import { checkWorld } from '../store/check-world.js';
import { DEFAULT_SESSION } from '../store/session-registry.js';
import { World } from '../store/world.js';
import type { WorldState } from '../store/world-state.js';
import type { VersionDateMode } from '../versions/version-date-mode.js';
import { versionSelector } from '../versions/version-selector.js';
import { checkFixtureViews } from './check-fixture-views.js';
import { checkTokenScopes, knownScopes } from './check-token-scopes.js';
import { createStore } from './create-store.js';
import { errorEnvelopeValidator } from './error-envelope-validator.js';
import { resolveOptions, type MockServerOptions } from './mock-server-options.js';
import { readStateFile, writeStateFile } from './state-file.js';
import { undeclaredStatuses, undeclaredStatusWarning } from './undeclared-statuses.js';

export interface OperationSummary {
  version: string;
  method: string;
  path: string;
  operationId: string;
  /** false: answered by Prism from the spec (examples or generated data). */
  stateful: boolean;
}

export interface MockServer {
  /** e.g. http://127.0.0.1:4010 — the official SDK's baseURL is `${url}/api/v1`. */
  url: string;
  port: number;
  versions: string[];
  /** Every recognized Api-Version-Date value -> the version it selects (from the specs). */
  versionDates: Record<string, string>;
  /** What happens to an Api-Version-Date value the specs do not list (see MockServerOptions). */
  versionDateMode: VersionDateMode;
  operations: OperationSummary[];
  /**
   * Start-up warnings, also logged at `warn`: operations of the specs that do not declare a
   * status the mock may answer for them (empty for the bundled specs; none with validateResponses off).
   */
  warnings: string[];
  /**
   * Stops accepting connections, closes idle and half-sent ones at once, answers requests waiting
   * out a delay at once, and resolves when the rest have been answered, or when `shutdownGraceMs`
   * ran out and they were cut (`cut` says how many).
   */
  close(): Promise<CloseResult>;
  /** `mock`, or `proxy` (forwarding to `upstream`). */
  mode: 'mock' | 'proxy';
  upstream: string | null;
  /** Proxy mode: the drift report (GET /__mock/drift); null for a mock. */
  drift(): DriftReportJson | null;
  /** Resets the default session (the one requests without X-Mock-Session use) to the fixtures. */
  reset(): void;
  /**
   * A handle on a named session with everything /__mock offers: seed records and tokens, read
   * the journal, add faults, reset, save and restore its world. Send `handle.headers` with
   * requests to act in it. Throws an ApiError for a name X-Mock-Session would refuse. Answers at
   * once, so it works with the memory store only; `sessionAsync` works with any.
   */
  session(name: string): MockSession;
  /** The same handle with promises: needed with the Redis store, where every call is a round trip. */
  sessionAsync(name: string): AsyncMockSession;
  /** Where sessions live (`--store`). */
  store: 'memory' | 'redis';
}

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
  const { spec, validators, records } = bundle;
  logger.debug('start-up inputs', { specs: bundle.from.specs, records: bundle.from.records, world: bundle.from.world });
  const { store, cursorSecret } = await createStore(options, bundle, logger);
  const handlers = createHandlers(new CursorCodec(cursorSecret));
  const warnings = options.validateResponses === 'off' ? [] : undeclaredStatuses(spec, handlerStatuses, new Set(Object.keys(handlers))).map(undeclaredStatusWarning);
  for (const warning of warnings) logger.warn(warning);
  const onProxyError = (what: string, error: unknown) => logger.error(`proxy: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  if (options.mode === 'proxy' && options.record !== undefined) mkdirSync(options.record, { recursive: true });
  const recording = options.record === undefined ? undefined : { dir: options.record, raw: options.recordRaw, check: checkRecording(spec, validators, records) };
  const proxy = options.mode === 'proxy' ? createProxy<WorldState>(spec, { ...options, upstream: String(options.upstream), recording }, onProxyError) : null;
  const sources = answerSources({ spec, validators, handlers, upstream: proxy?.source });
  const routes = new Map(spec.versions.map((version) => [version, new RouteTable(spec.operations.get(version) ?? [])]));
  const http = createHttpServer(options, logger);
  const bodyBuffers = new BodyBuffers(options.bodyBufferBytes);
  const pipeline: Pipeline<WorldState> = {
    spec,
    selectVersion: versionSelector(spec.versions, spec.versionDates, options.versionDates),
    validators,
    routes,
    handlers,
    sources,
    proxy: proxy?.mode ?? null,
    envelope: errorEnvelopeValidator(spec, validators),
    responseMode: options.validateResponses,
    maxJsonDepth: options.maxJsonDepth,
    maxDelayMs: options.maxDelayMs,
    stopping: http.stopping,
    sessionFor: (name) => store.open(name),
    // Proxy mode never looks a token up (the journal then shows it as an unknown token).
    tokenLookup: (state) => (token) => (proxy ? undefined : state.tokens.get(token)),
    onViolation: (violation, request, status) =>
      logger.warn('response violates the spec', { method: request.method, path: request.path, status, pointer: violation.pointer, rule: violation.rule }),
    onCrash: (error, request) =>
      logger.error('handler crashed', { method: request.method, path: request.path, error: error instanceof Error ? error.stack : String(error) }),
  };
  const operations = spec.versions.flatMap((version) =>
    (spec.operations.get(version) ?? []).map((op) => ({ version, method: op.method, path: op.path, operationId: op.operationId, stateful: op.operationId in handlers })),
  );
  let checkFault: ReturnType<typeof faultRuleChecker> | undefined;
  const plane = controlPlane({
    store,
    records,
    // A posted world is checked as the fixtures are at start: records, integrity, token scopes, views.
    checkWorld: (input) => {
      const fixtures = checkWorld(input, records);
      checkTokenScopes(spec, fixtures.tokens, 'world');
      checkFixtureViews(spec, validators, new World(fixtures), fixtures.users.map((user) => user.id), 'world');
      return fixtures;
    },
    // Compiled on the first fault rule: it would load Ajv's compiler at every start.
    checkFault: (input) => (checkFault ??= faultRuleChecker(spec, routes, options.maxDelayMs))(input),
    knownScopes: knownScopes(spec),
    versions: spec.versions,
    versionDates: Object.fromEntries(spec.versionDates),
    versionDateMode: options.versionDates,
    startedAt: Date.now(),
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
  const listener = createRequestListener({ pipeline, logger, bodyLimit: options.bodyLimit, bodyBuffers, guard: http.guard, control, cors, controlCors });
  await http.listen(listener, options.port, options.host);
  // Prism (only for operations without a handler) takes about a second of blocked event loop to
  // load: not before listening (start-up stays fast), and not while requests are being answered,
  // but at the first quiet moment. A request that needs it sooner loads it itself and waits.
  if (options.loadPrism === 'idle') http.whenIdle(PRISM_IDLE_MS, () => sources.warm());
  const { port } = http.server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    versions: spec.versions,
    versionDates: Object.fromEntries(spec.versionDates),
    versionDateMode: options.versionDates,
    operations,
    warnings,
    mode: options.mode,
    upstream: options.upstream ?? null,
    drift: () => proxy?.drift.toJSON() ?? null,
    close: async () => {
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
  };
}
