import { sessionName } from '../sessions/session-name.js';
import { MockSession, type ControlDeps } from './mock-session.js';

/** GET /__mock/health. */
export interface HealthReport {
  readonly status: 'ok';
  readonly versions: readonly string[];
  readonly uptime_s: number;
  /** Live sessions, the default one included. */
  readonly sessions: number;
}

export interface ControlPlane {
  /** A handle on the named session (checked like the X-Mock-Session header). */
  session(name: string): MockSession;
  health(): HealthReport;
}

/** The control plane of one server; the HTTP router and the programmatic API both use it. */
export function controlPlane(deps: ControlDeps & { readonly versions: readonly string[]; readonly startedAt: number }): ControlPlane {
  return {
    session: (name) => new MockSession(sessionName(name), deps),
    health: () => ({
      status: 'ok',
      versions: deps.versions,
      uptime_s: Math.floor((Date.now() - deps.startedAt) / 1000),
      sessions: deps.sessions.names().length,
    }),
  };
}
