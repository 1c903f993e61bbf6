import { forgetCached } from '../bundle/process-cache.js';
import { loadBundle } from '../bundle/load-bundle.js';
import { resolveOptions, type MockServerOptions } from '../config/mock-server-options.js';
import { buildMock } from '../core/mock-core.js';
import { createHandlers } from '../domain/create-handlers.js';
import { CursorCodec } from '../domain/paginate.js';
import { mockHandle } from '../edges/mock-handle.js';
import { middleware } from '../edges/middleware.js';
import { BodyBuffers } from '../edges/node/read-body.js';
import { shownUrl } from '../kernel/shown-url.js';
import { createLogger } from '../logging/logger.js';
import { mockWorldMode } from '../prism/mock-world-mode.js';
import { createProxy } from '../proxy/create-proxy.js';
import { DEFAULT_SESSION } from '../state/session-registry.js';
import { controlHostList } from '../control/control-hosts.js';
import { createStore } from './create-store.js';
import { inspectorAssets } from './inspector-assets.js';
import type { Mock, MockClosed } from './mock.js';
import { coverageAtClose } from './coverage-at-close.js';
import { StateKeeper, writeFileAtomically } from './state-keeper.js';
import { stdoutSink } from './stdout-sink.js';
import { watchInputs } from './watch-inputs.js';

/** How often a replica that finds the store holding another world tries to reload and follow it. */
const FOLLOW_EVERY_MS = 1000;

const MIN_ADMIN_TOKEN_LENGTH = 16;

/** The mock with no socket (`mock.fetch`, `mock.middleware()`); bad specs or fixtures reject here. */
export async function createMock(input: Omit<MockServerOptions, 'port' | 'host'> = {}): Promise<Mock> {
  return (await buildFromOptions(input)).mock;
}

/** createMock's mock and what createMockServer adds a socket to. */
export async function buildFromOptions(input: MockServerOptions) {
  const options = resolveOptions(input);
  const controlHosts = controlHostList(options.controlHosts);
  const logger = createLogger(options.logLevel, options.log ?? stdoutSink(), options.logFormat);
  if (options.adminToken !== undefined && options.adminToken !== '' && options.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    logger.warn(`the admin token (--admin-token) is ${options.adminToken.length} characters long: use ${MIN_ADMIN_TOKEN_LENGTH} or more (e.g. openssl rand -hex 16); a short one can be guessed, and wrong guesses are only slowed down (--max-admin-failures)`);
  }
  // Specs, validators and the checked base world: built once per process for the same inputs.
  let bundle = await loadBundle(options);
  logger.debug('start-up inputs', { specs: bundle.from.specs, records: bundle.from.records, world: bundle.from.world });
  // With Redis, a request may find that another replica reloaded to another world: this one then
  // reloads its own files to follow (at most once a second), and serves again once they match.
  let follow = (): void => undefined;
  const { store, cursorSecret, coverage } = await createStore(options, bundle, logger, () => follow());
  const keeper = options.stateFile === undefined ? undefined : new StateKeeper({ path: options.stateFile, saveEveryMs: options.stateSaveMs, store, logger });
  const proxy = options.mode === 'proxy' ? createProxy(bundle, { ...options, upstream: String(options.upstream) }, logger) : null;
  const handlers = createHandlers(new CursorCodec(cursorSecret));
  const built = buildMock({
    bundle,
    options: { ...options, controlHosts },
    store,
    coverage,
    handlers,
    modeFor: (spec, specSource) => (proxy ? { mode: proxy.mode, warm: () => undefined } : mockWorldMode(handlers, spec, specSource)),
    logger,
    reloadBundle: async () => {
      // The proxy, its drift report and its recording are built on the specs of the start.
      if (proxy !== null) throw new Error('reload is for mock mode: in proxy mode the specs checked against the upstream are those of the start; restart to change them');
      const next = await loadBundle(options);
      if (next.worldKey !== bundle.worldKey) forgetCached('world', bundle.worldKey);
      bundle = next;
      return next;
    },
    inspector: inspectorAssets(),
    drift: proxy ? () => proxy.drift.toJSON() : undefined,
    // With a state file, the default session keeps its world (the file's) across a reload.
    keeper,
  });
  const { reloader, plane } = built;
  let followedAt = 0;
  follow = () => {
    if (Date.now() - followedAt < FOLLOW_EVERY_MS) return;
    followedAt = Date.now();
    void reloader.reload('the store holds another world').catch(() => undefined);
  };
  await keeper?.load((world) => plane.control(DEFAULT_SESSION).restore(world));
  const watching = options.watch && proxy === null
    ? watchInputs([options.specs, options.fixtures], (file) => void reloader.reload(`changed: ${file}`).catch(() => undefined), (problem) => logger.warn(problem))
    : undefined;
  // What the edges share: one budget for the request bodies being received, by middleware and socket alike.
  const edge = { logger, bodyLimit: options.bodyLimit, bodyBuffers: new BodyBuffers(options.bodyBufferBytes), stallMs: options.requestTimeoutMs };
  const mock = mockHandle(built, options.bodyLimit, options.versionDates, {
    middleware: () => middleware(built.core, edge),
    mode: options.mode,
    upstream: options.upstream === undefined ? null : shownUrl(options.upstream),
    drift: () => proxy?.drift.toJSON() ?? null,
    store: store.kind,
    reload: (trigger = 'server.reload()') => reloader.reload(trigger),
    // Delays end; the state is saved once nothing can change it, coverage reported; then store and proxy let go.
    close: async (): Promise<MockClosed> => {
      watching?.close();
      built.stopping.abort();
      let coverageShortfall: string | null = null;
      try {
        await keeper?.close();
      } finally {
        try {
          // Every count where a reader finds it (Redis), then the report and threshold a stop asks for.
          await coverage.settle();
          coverageShortfall = await coverageAtClose(() => Promise.resolve(plane.coverage(null)), options, logger);
        } finally {
          await proxy?.close();
          const driftFile = options.driftReport;
          if (proxy !== null && driftFile !== undefined) {
            await writeFileAtomically(driftFile, `${JSON.stringify(proxy.drift.toJSON(), null, 2)}\n`).catch((error: unknown) => logger.error(`proxy: writing the drift report to ${driftFile} failed`, { error: error instanceof Error ? error.message : String(error) }));
          }
          await store.close().finally(() => logger.flush());
        }
      }
      return { coverageShortfall };
    },
  });
  // `warm` loads Prism (for operations neither a handler nor the spec answers) ahead of the first request needing it.
  return { mock, built, options, logger, edge, warm: () => reloader.current.answers.warm() };
}
