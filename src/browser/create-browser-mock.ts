import { buildMock } from '../core/mock-core.js';
import { createHandlers } from '../domain/create-handlers.js';
import { CursorCodec } from '../domain/paginate.js';
import { mockHandle } from '../edges/mock-handle.js';
import { createLogger } from '../logging/logger.js';
import { handlerAnswerer } from '../pipeline/answer-sources.js';
import { mockMode } from '../pipeline/mode.js';
import { JournalBudget } from '../state/journal/journal-budget.js';
import { MemoryCoverage } from '../state/memory-coverage.js';
import { memoryStore } from '../state/memory-store.js';
import { sessionExtras } from '../state/session-extras.js';
import type { Mock } from '../server/mock.js';
import type { BrowserInputs } from './bundled-inputs.js';
import { browserBundle } from './browser-bundle.js';
import { browserOptions, type BrowserMockOptions } from './browser-options.js';

/** The mock in a page: createMock()'s handle, less the connect middleware (a page has no server). */
export type BrowserMock = Omit<Mock, 'middleware'>;

/**
 * The mock from values, in a page or any JavaScript runtime, reached through `mock.fetch`. What needs
 * a file, a socket or a compiler is not part of it: no reload, state file, Redis, proxy, Prism or
 * generated users.
 */
export function browserMock(inputs: BrowserInputs, input: BrowserMockOptions = {}): BrowserMock {
  const options = browserOptions(input);
  const logger = createLogger(options.logLevel, options.log, 'json');
  const bundle = browserBundle(inputs, input.fixtures);
  const journal = { entries: options.journalLimit, sessionBytes: options.journalSessionBytes, bodyBytes: options.journalBodyBytes, isSecret: () => false };
  const store = memoryStore(bundle.world, {
    maxSessions: options.maxSessions,
    idleTtlMs: options.idleSessionMs,
    sessionBytes: options.sessionBytes,
    createExtras: sessionExtras(journal, new JournalBudget(options.journalTotalBytes), options.maxFaultRules),
  });
  const secret = options.cursorSecret ?? [...globalThis.crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const handlers = createHandlers(new CursorCodec(secret));
  const mode = { mode: mockMode(handlerAnswerer(handlers)), warm: () => undefined };
  const built = buildMock({
    bundle,
    options,
    store,
    handlers,
    modeFor: () => mode,
    logger,
    coverage: new MemoryCoverage(options.maxSessions),
  });
  const mock = mockHandle(built, options.bodyLimit, options.versionDates, {
    mode: 'mock' as const,
    upstream: null,
    drift: () => null,
    store: store.kind,
    // Built from values: a reload rejects, saying there is nothing to read again.
    reload: (trigger = 'mock.reload()') => built.reloader.reload(trigger),
    // No --coverage-fail-under in a page: a test reads coverage() and decides.
    close: async () => {
      built.stopping.abort();
      await store.close();
      logger.flush();
      return { coverageShortfall: null };
    },
  });
  return mock;
}
