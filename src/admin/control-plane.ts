import type { CompiledSpec } from '../openapi/compile-operations.js';
import type { MaybePromise } from '../sessions/maybe-promise.js';
import { sessionName } from '../sessions/session-name.js';
import type { StoredSession } from '../sessions/session-store.js';
import type { VersionDateMode } from '../versions/version-date-mode.js';
import type { ReloadResult, ReloadStatus } from '../server/world-reloader.js';
import { errors } from '../errors/catalogue.js';
import { AsyncMockSession } from './async-mock-session.js';
import { inspectorAssets, type InspectorAsset } from './inspector-assets.js';
import { MockSession } from './mock-session.js';
import { SessionControl, andThen, type ControlDeps } from './session-control.js';

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
  /** The inspector page. */
  readonly inspector: string;
  /** Reloads of the specs and fixtures: the last one, and its error while the previous world is served. */
  readonly reload: ReloadStatus;
}

export interface ControlPlane {
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
  /** Reads the specs and fixtures again (see WorldReloader); rejects with the one-line error. */
  reload(): Promise<ReloadResult>;
  /** The compiled specs being served now. */
  spec(): CompiledSpec;
  /** A file of the inspector page (`/`, `/inspector.js`, `/inspector.css`). */
  inspector(path: string): InspectorAsset | undefined;
  /** Proxy mode's drift report; a 404 for a mock. */
  drift(): unknown;
}

/** The control plane of one server; the HTTP router and the programmatic API both use it. */
export interface ControlPlaneDeps extends ControlDeps {
  readonly versionDateMode: VersionDateMode;
  readonly startedAt: number;
  /** What is served now: read on every call, since a reload replaces it. */
  readonly spec: () => CompiledSpec;
  readonly reload: () => Promise<ReloadResult>;
  readonly reloadStatus: () => ReloadStatus;
  /** Proxy mode only. */
  readonly drift?: (() => unknown) | undefined;
}

export function controlPlane(deps: ControlPlaneDeps): ControlPlane {
  const control = (name: string) => new SessionControl(sessionName(name), deps);
  return {
    control,
    session: (name) => new MockSession(control(name)),
    sessionAsync: (name) => new AsyncMockSession(control(name)),
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
          reload: deps.reloadStatus(),
        };
      }),
    reload: () => deps.reload(),
    spec: () => deps.spec(),
    inspector: inspectorAssets(),
  };
}
