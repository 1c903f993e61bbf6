import type { FaultRule } from '../simulation/fault-list.js';
import type { ControlPlane } from './control-plane.js';
import { journalFilter } from './journal-filter.js';
import type { MockSession } from './mock-session.js';
import type { TokenRegistration } from './register-token.js';

/** What a control endpoint gets: the caller's session (looked up on first use), body and query. */
export interface ControlContext {
  readonly plane: ControlPlane;
  readonly session: () => MockSession;
  /** Parsed JSON; undefined when the request had no body. */
  readonly body: unknown;
  readonly query: URLSearchParams;
}

export interface ControlReply {
  readonly status: number;
  readonly body: unknown;
}

export interface ControlRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Below /__mock. */
  readonly path: string;
  /** Answered without the admin token / loopback check (the container health check). */
  readonly open?: boolean;
  readonly run: (context: ControlContext) => ControlReply;
}

const ok = (body: unknown): ControlReply => ({ status: 200, body });
const created = (body: unknown): ControlReply => ({ status: 201, body });

/**
 * Every /__mock endpoint, each a line over the session handle (the same methods the
 * programmatic API offers), so the two can never drift apart.
 */
export const controlRoutes: readonly ControlRoute[] = [
  { method: 'GET', path: '/health', open: true, run: ({ plane }) => ok(plane.health()) },
  {
    method: 'POST',
    path: '/reset',
    run: ({ session }) => {
      session().reset();
      return ok({ session: session().name, reset: true });
    },
  },
  { method: 'POST', path: '/users', run: ({ session, body }) => ok(session().seed('users', body)) },
  { method: 'POST', path: '/members', run: ({ session, body }) => ok(session().seed('members', body)) },
  { method: 'POST', path: '/companies', run: ({ session, body }) => ok(session().seed('companies', body)) },
  // Bodies are unchecked input here: registerToken and addFault check them (and so answer 400s).
  { method: 'POST', path: '/tokens', run: ({ session, body }) => created({ token: session().registerToken(body as TokenRegistration) }) },
  { method: 'GET', path: '/state', run: ({ session }) => ok(session().state()) },
  { method: 'GET', path: '/requests', run: ({ session, query }) => ok({ data: session().requests(journalFilter(query)) }) },
  { method: 'DELETE', path: '/requests', run: ({ session }) => ok({ deleted: session().clearRequests() }) },
  { method: 'POST', path: '/faults', run: ({ session, body }) => created(session().addFault(body as FaultRule)) },
  { method: 'GET', path: '/faults', run: ({ session }) => ok({ data: session().faults() }) },
  { method: 'DELETE', path: '/faults', run: ({ session }) => ok({ deleted: session().clearFaults() }) },
];
