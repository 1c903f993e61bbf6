import type { MockCore } from '../core/mock-core.js';
import type { VersionDateMode } from '../openapi/version-date-mode.js';
import { sessionName } from '../state/session-name.js';
import { DEFAULT_SESSION } from '../state/session-registry.js';
import { fetchEdge } from './fetch-edge.js';

/**
 * The Node and browser mocks' shared handle: `mock.fetch`, and readers of the world served now
 * (getters: a reload changes it), plus `own` (plain values and functions: they are spread).
 */
export function mockHandle<Own extends object>(built: MockCore, bodyLimit: number, dateMode: VersionDateMode, own: Own) {
  const { reloader, plane } = built;
  return {
    ...own,
    fetch: fetchEdge(built.core, bodyLimit),
    get versions() {
      return reloader.current.spec.versions;
    },
    get versionDates() {
      return Object.fromEntries(reloader.current.spec.versionDates);
    },
    versionDateMode: dateMode,
    get operations() {
      return [...reloader.current.operations];
    },
    get warnings() {
      return [...reloader.current.warnings];
    },
    reset: () => plane.session(DEFAULT_SESSION).reset(),
    session: (name: string) => plane.session(name),
    sessionAsync: (name: string) => plane.sessionAsync(name),
    reloadStatus: () => reloader.status(),
    coverage: async (session?: string) => plane.coverage(session === undefined ? null : sessionName(session)),
    clearCoverage: async (session?: string) => plane.clearCoverage(session === undefined ? null : sessionName(session)),
  };
}
