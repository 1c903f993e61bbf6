import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/config/mock-server-options.js';
import { buildMock } from '../../src/core/mock-core.js';
import { createHandlers } from '../../src/domain/create-handlers.js';
import { CursorCodec } from '../../src/domain/paginate.js';
import { fetchEdge } from '../../src/edges/fetch-edge.js';
import { loadBundle } from '../../src/bundle/load-bundle.js';
import { createLogger } from '../../src/logging/logger.js';
import { handlerAnswerer } from '../../src/pipeline/answer-sources.js';
import { mockMode } from '../../src/pipeline/mode.js';
import type { CoverageTally } from '../../src/state/coverage-tally.js';
import { memoryStore } from '../../src/state/memory-store.js';
import { sessionExtras } from '../../src/state/session-extras.js';
import { JournalBudget } from '../../src/state/journal/journal-budget.js';

// Counting what a request exercised is never a reason to fail it: a tally that throws (a bug)
// is logged as a crash, and the client still gets its answer. Built from values (buildMock) so
// the tally can be one that throws.
describe('a coverage tally that throws', () => {
  it('leaves the answer as it was, and logs the failure', async () => {
    const options = resolveOptions({});
    const bundle = await loadBundle(options);
    const lines: string[] = [];
    const logger = createLogger('error', (line) => void lines.push(line), 'json');
    const store = memoryStore(bundle.world, { maxSessions: 10, idleTtlMs: 60_000, sessionBytes: options.sessionBytes, createExtras: sessionExtras({ entries: 10, sessionBytes: 1 << 20, bodyBytes: 1 << 15, isSecret: () => false }, new JournalBudget(1 << 20), 10) });
    const throwing: CoverageTally = {
      count: () => {
        throw new Error('counting broke');
      },
      read: () => new Map(),
      clear: () => undefined,
      settle: () => Promise.resolve(),
    };
    const handlers = createHandlers(new CursorCodec('a-secret-of-16-chars'));
    const built = buildMock({ bundle, options: { ...options, controlHosts: [] }, store, coverage: throwing, handlers, modeFor: () => ({ mode: mockMode(handlerAnswerer(handlers)), warm: () => undefined }), logger });
    const reply = await fetchEdge(built.core, options.bodyLimit)('http://whop.test/api/v1/users/me', { headers: { authorization: 'Bearer tok_user_alex_full' } });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { id: string }).id).toBe('user_alex123');
    logger.flush();
    expect(lines.some((line) => line.includes('request failed') && line.includes('counting broke'))).toBe(true);
  });
});
