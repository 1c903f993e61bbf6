import type { SessionExtras } from '../sessions/session-extras.js';
import { sessionName } from '../sessions/session-name.js';
import type { Session } from '../store/session-registry.js';
import type { VersionDateMode } from '../versions/version-date-mode.js';
import { MockSession, type ControlDeps } from './mock-session.js';
import { errors } from '../errors/catalogue.js';

/** GET /__mock/health. */
export interface HealthReport {
  readonly status: 'ok';
  readonly versions: readonly string[];
  /** Every recognized Api-Version-Date value -> the version it selects. */
  readonly version_dates: Readonly<Record<string, string>>;
  /** `exact`: other values are a 400; `nearest`: other dates get the newest version on or before them. */
  readonly version_date_mode: VersionDateMode;
  readonly uptime_s: number;
  /** Live sessions, the default one included. */
  readonly sessions: number;
}

export interface ControlPlane {
  /** A handle on the named session (checked like the X-Mock-Session header). */
  session(name: string): MockSession;
  /** The named session as stored (created on first use): for the endpoints that stream or page. */
  stored(name: string): Session<SessionExtras>;
  health(): HealthReport;
  /** Proxy mode's drift report; a 404 for a mock. */
  drift(): unknown;
}

/** The control plane of one server; the HTTP router and the programmatic API both use it. */
export interface ControlPlaneDeps extends ControlDeps {
  readonly versions: readonly string[];
  readonly versionDates: Readonly<Record<string, string>>;
  readonly versionDateMode: VersionDateMode;
  readonly startedAt: number;
  /** Proxy mode only. */
  readonly drift?: (() => unknown) | undefined;
}

export function controlPlane(deps: ControlPlaneDeps): ControlPlane {
  return {
    session: (name) => new MockSession(sessionName(name), deps),
    stored: (name) => deps.sessions.session(sessionName(name)),
    drift: () => {
      if (!deps.drift) throw errors.driftNeedsProxy();
      return deps.drift();
    },
    health: () => ({
      status: 'ok',
      versions: deps.versions,
      version_dates: deps.versionDates,
      version_date_mode: deps.versionDateMode,
      uptime_s: Math.floor((Date.now() - deps.startedAt) / 1000),
      sessions: deps.sessions.names().length,
    }),
  };
}
