import type { CompiledSpec } from '../openapi/compile-operations.js';
import type { CoverageTally } from '../state/coverage-tally.js';
import type { MaybePromise } from '../state/maybe-promise.js';
import { sessionName } from '../state/session-name.js';
import type { StoredSession } from '../state/session-store.js';
import type { VersionDateMode } from '../openapi/version-date-mode.js';
import { errors } from '../kernel/catalogue.js';
import { fixtureKindNames } from '../world/fixture-kinds.js';
import type { FixtureKind } from '../world/records.js';
import { coverageReport, type CoverageReport } from './coverage-report.js';
import { andThen, sessionHandle, type AsyncMockSession, type ControlDeps, type MockSession, type SessionControl } from './mock-session.js';

export interface ReloadResult {
  /** false: the specs and fixtures read the same as the world being served, which stays (sessions untouched). */
  readonly changed: boolean;
  readonly duration_ms: number;
}

/** The last reload, as GET /__mock/health and the inspector show it. */
export interface ReloadStatus {
  /** Reloads attempted since start (watch, POST /__mock/reload, SIGHUP, server.reload()). */
  readonly count: number;
  /** The last attempt (`changed` false when it failed); null before the first. */
  readonly last: (ReloadResult & { readonly at: string; readonly ok: boolean; readonly trigger: string }) | null;
  /** The last reload's one-line error while the previous world is served; null once one succeeds. */
  readonly error: string | null;
}

/** One file of the inspector page, as the edge that has the files gives it (none in a browser). */
export interface InspectorAsset {
  readonly text: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** GET /__mock/health. */
export interface HealthReport {
  readonly status: 'ok';
  readonly versions: readonly string[];
  /** Every recognized Api-Version-Date value -> the version it selects. */
  readonly version_dates: Readonly<Record<string, string>>;
  /** `exact`: other values are a 400; `nearest`: other dates get the newest version on or before them. */
  readonly version_date_mode: VersionDateMode;
  readonly uptime_s: number;
  /** Live sessions, the default one included (with Redis: across every replica). */
  readonly sessions: number;
  /** Where sessions live: `memory` or `redis`. */
  readonly store: 'memory' | 'redis';
  /** Each version's OpenAPI document as served (`.yaml` for YAML). */
  readonly openapi: Readonly<Record<string, string>>;
  readonly inspector: string;
  /** The record kinds of the world, in load order: the keys of GET /__mock/state, its `?kind=` values. */
  readonly record_kinds: readonly FixtureKind[];
  /** Reloads of the specs and fixtures: the last one, and its error while the previous world is served. */
  readonly reload: ReloadStatus;
}

export interface ControlPlane extends Pick<ControlPlaneDeps, 'spec' | 'reload' | 'inspector'> {
  /** What /__mock does to the named session (checked like the X-Mock-Session header). */
  control(name: string): SessionControl;
  /** The synchronous handle (memory store). */
  session(name: string): MockSession;
  /** The handle with promises (any store). */
  sessionAsync(name: string): AsyncMockSession;
  /** The named session as stored (created on first use): for the endpoints that stream or page. */
  stored(name: string): MaybePromise<StoredSession>;
  /** Live session names, the default first. */
  sessionNames(): MaybePromise<string[]>;
  health(): MaybePromise<HealthReport>;
  /** Proxy mode's drift report; a 404 for a mock. */
  drift(): unknown;
  /** What the requests of one session (or of all: null) exercised of the specs served now. */
  coverage(session: string | null): MaybePromise<CoverageReport>;
  /** Forgets the coverage counts of one session, or every count (null). */
  clearCoverage(session: string | null): MaybePromise<void>;
}

/** The control plane of one server; the HTTP router and the programmatic API both use it. */
export interface ControlPlaneDeps extends ControlDeps {
  readonly versionDateMode: VersionDateMode;
  readonly startedAt: number;
  /** What is served now: read on every call, since a reload replaces it. */
  readonly spec: () => CompiledSpec;
  /** Reads the specs and fixtures again (see WorldReloader); rejects with the one-line error. */
  readonly reload: () => Promise<ReloadResult>;
  readonly reloadStatus: () => ReloadStatus;
  /** Where coverage is counted (the store's, or this process's). */
  readonly coverage: CoverageTally;
  /** Proxy mode only. */
  readonly drift?: (() => unknown) | undefined;
  /** A file of the inspector page (`/`, `/inspector.js`, ...), where they can be read (absent: the page is a 404). */
  readonly inspector?: ((path: string) => InspectorAsset | undefined) | undefined;
}

export function controlPlane(deps: ControlPlaneDeps): ControlPlane {
  const sessionAsync = (name: string) => sessionHandle(sessionName(name), deps, false);
  return {
    control: (name) => sessionAsync(name) as SessionControl,
    session: (name) => sessionHandle(sessionName(name), deps, true),
    sessionAsync,
    stored: (name) => deps.store.open(sessionName(name)),
    sessionNames: () => deps.store.names(),
    drift: () => {
      if (!deps.drift) throw errors.driftNeedsProxy();
      return deps.drift();
    },
    health: () =>
      andThen(deps.store.count(), (sessions) => {
        const spec = deps.spec();
        return {
          status: 'ok' as const,
          versions: spec.versions,
          version_dates: Object.fromEntries(spec.versionDates),
          version_date_mode: deps.versionDateMode,
          uptime_s: Math.floor((Date.now() - deps.startedAt) / 1000),
          sessions,
          store: deps.store.kind,
          openapi: Object.fromEntries(spec.versions.map((version) => [version, `/__mock/openapi/${version}`])),
          inspector: '/__mock/',
          record_kinds: fixtureKindNames,
          reload: deps.reloadStatus(),
        };
      }),
    reload: deps.reload,
    spec: deps.spec,
    inspector: deps.inspector,
    coverage: (session) => andThen(deps.coverage.read(session), (counts) => coverageReport(deps.spec(), counts, session)),
    clearCoverage: (session) => deps.coverage.clear(session),
  };
}
