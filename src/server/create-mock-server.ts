import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlAccess } from '../admin/control-access.js';
import { controlPlane } from '../admin/control-plane.js';
import { createControlRouter } from '../admin/create-control-router.js';
import { faultRuleChecker } from '../admin/fault-rule-checker.js';
import type { MockSession } from '../admin/mock-session.js';
import { loadBundle } from '../bundle/load-bundle.js';
import { createHandlers } from '../handlers/create-handlers.js';
import { handlerStatuses } from '../handlers/handler-statuses.js';
import { CursorCodec } from '../handlers/paginate.js';
import { answerClientError } from '../http/answer-client-error.js';
import { corsPolicy } from '../http/cors.js';
import { createRequestListener } from '../http/create-request-listener.js';
import { createLogger } from '../http/logger.js';
import type { Pipeline } from '../http/pipeline.js';
import { PrismFallback } from '../openapi/prism-fallback.js';
import { RouteTable } from '../openapi/route-table.js';
import { sessionExtras } from '../sessions/session-extras.js';
import { DEFAULT_SESSION, SessionRegistry } from '../store/session-registry.js';
import type { WorldState } from '../store/world-state.js';
import type { VersionDateMode } from '../versions/version-date-mode.js';
import { versionSelector } from '../versions/version-selector.js';
import { knownScopes } from './check-token-scopes.js';
import { errorEnvelopeValidator } from './error-envelope-validator.js';
import { resolveOptions, type MockServerOptions } from './mock-server-options.js';
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
  /** Stops accepting connections and resolves when in-flight requests have finished. */
  close(): Promise<void>;
  /** Resets the default session (the one requests without X-Mock-Session use) to the fixtures. */
  reset(): void;
  /**
   * A handle on a named session with everything /__mock offers: seed records and tokens, read
   * the journal, add faults, reset. Send `handle.headers` with requests to act in it. Throws an
   * ApiError for a name X-Mock-Session would refuse.
   */
  session(name: string): MockSession;
}

/**
 * Builds everything — specs, validators, world, sessions, handlers, HTTP — and starts
 * listening. No module-level state: two servers in one process never see each other.
 * Anything wrong with the specs or fixtures rejects here, before a request is served.
 */
export async function createMockServer(input: MockServerOptions = {}): Promise<MockServer> {
  const options = resolveOptions(input);
  const logger = createLogger(options.logLevel, options.log, options.logFormat);
  // Specs, validators and the checked base world: built once per process for the same inputs.
  const bundle = await loadBundle(options);
  const { spec, validators, records, world } = bundle;
  logger.debug('start-up inputs', { specs: bundle.from.specs, records: bundle.from.records, world: bundle.from.world });
  const sessions = new SessionRegistry(world, {
    maxSessions: options.maxSessions,
    idleTtlMs: options.idleSessionMs,
    createExtras: sessionExtras(options.journalLimit),
  });
  const handlers = createHandlers(new CursorCodec(randomBytes(16).toString('hex')));
  const warnings = options.validateResponses === 'off' ? [] : undeclaredStatuses(spec, handlerStatuses, new Set(Object.keys(handlers))).map(undeclaredStatusWarning);
  for (const warning of warnings) logger.warn(warning);
  const fallback = new PrismFallback(spec.sources);
  const routes = new Map(spec.versions.map((version) => [version, new RouteTable(spec.operations.get(version) ?? [])]));
  const pipeline: Pipeline<WorldState> = {
    spec,
    selectVersion: versionSelector(spec.versions, spec.versionDates, options.versionDates),
    validators,
    routes,
    handlers,
    fallback,
    envelope: errorEnvelopeValidator(spec, validators),
    responseMode: options.validateResponses,
    sessionFor: (name) => sessions.session(name),
    tokenLookup: (state) => (token) => state.tokens.get(token),
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
    sessions,
    records,
    // Compiled on the first fault rule: it would load Ajv's compiler at every start.
    checkFault: (input) => (checkFault ??= faultRuleChecker(spec, routes))(input),
    knownScopes: knownScopes(spec),
    versions: spec.versions,
    versionDates: Object.fromEntries(spec.versionDates),
    versionDateMode: options.versionDates,
    startedAt: Date.now(),
  });
  const control = createControlRouter({
    plane,
    access: controlAccess({ adminToken: options.adminToken, openControl: options.openControl }),
    bodyLimit: options.bodyLimit,
    onCrash: (error, method, path) => logger.error('control endpoint crashed', { method, path, error: error instanceof Error ? error.stack : String(error) }),
  });
  const server = createServer(createRequestListener({ pipeline, logger, bodyLimit: options.bodyLimit, control, cors: corsPolicy(options.corsOrigins) }));
  server.on('clientError', answerClientError);
  await listen(server, options.port, options.host);
  if (operations.some((op) => !op.stateful)) fallback.warm();
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    versions: spec.versions,
    versionDates: Object.fromEntries(spec.versionDates),
    versionDateMode: options.versionDates,
    operations,
    warnings,
    close: () => close(server).finally(() => logger.close?.()),
    reset: () => plane.session(DEFAULT_SESSION).reset(),
    session: (name) => plane.session(name),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use` : `cannot listen on ${host}:${port}: ${error.message}`));
    });
    server.listen(port, host, () => resolve());
  });
}

/**
 * Stops accepting, lets in-flight requests finish, and resolves when the last connection is
 * gone. A keep-alive connection becomes idle only after its response, so idle connections are
 * swept until then; otherwise one finished request would hold close() for the keep-alive timeout.
 */
function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 25);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
