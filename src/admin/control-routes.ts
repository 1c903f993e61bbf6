import type { FaultRule } from '../simulation/fault-list.js';
import type { ControlPlane } from './control-plane.js';
import { journalQuery } from './journal-query.js';
import { journalReply } from './journal-reply.js';
import type { MockSession } from './mock-session.js';
import type { TokenRegistration } from './register-token.js';
import type { SessionExtras } from '../sessions/session-extras.js';
import type { Session } from '../store/session-registry.js';
import { stateChunks, statePage, stateQuery } from './state-export.js';

/** What a control endpoint gets: the caller's session (looked up on first use), body and query. */
export interface ControlContext {
  readonly plane: ControlPlane;
  readonly session: () => MockSession;
  /** The session's world and journal themselves, for the answers too large to build as one value. */
  readonly stored: () => Session<SessionExtras>;
  /** Parsed JSON; undefined when the request had no body. */
  readonly body: unknown;
  readonly query: URLSearchParams;
  /** Most records or journal entries one page holds (--control-page-max); also the default page. */
  readonly pageMax: number;
}

/** An answer: a value to send as JSON, JSON text made already, or JSON text sent in chunks. */
export type ControlReply =
  | { readonly status: number; readonly body: unknown }
  | { readonly status: number; readonly json: string | Buffer }
  | { readonly status: number; readonly chunks: Iterable<string> };

export interface ControlRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Below /__mock. */
  readonly path: string;
  /** Answered without the admin token / loopback check (the container health check). */
  readonly open?: boolean;
  /** May answer later (a store kept elsewhere answers asynchronously). */
  readonly run: (context: ControlContext) => ControlReply | Promise<ControlReply>;
}

const ok = (body: unknown): ControlReply => ({ status: 200, body });
const created = (body: unknown): ControlReply => ({ status: 201, body });

/** GET /__mock/state: the whole world streamed, or one kind a page at a time. */
function state({ stored, query, pageMax }: ControlContext): ControlReply {
  const wanted = stateQuery(query, pageMax);
  const world = stored().state;
  if (wanted.kind === null) return { status: 200, chunks: stateChunks(world) };
  return { status: 200, json: statePage(world, wanted.kind, wanted.limit, wanted.after) };
}

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
  { method: 'GET', path: '/state', run: state },
  {
    method: 'GET',
    path: '/requests',
    run: ({ stored, query, pageMax }) => {
      const { filter, window } = journalQuery(query, pageMax);
      return { status: 200, json: journalReply(stored().extras.journal.page(filter, window)) };
    },
  },
  { method: 'DELETE', path: '/requests', run: ({ session }) => ok({ deleted: session().clearRequests() }) },
  { method: 'POST', path: '/faults', run: ({ session, body }) => created(session().addFault(body as FaultRule)) },
  { method: 'GET', path: '/faults', run: ({ session }) => ok({ data: session().faults() }) },
  { method: 'DELETE', path: '/faults', run: ({ session }) => ok({ deleted: session().clearFaults() }) },
  { method: 'GET', path: '/drift', run: ({ plane }) => ok(plane.drift()) },
];
