import type { FaultRule } from '../simulation/fault-list.js';
import type { ControlPlane } from './control-plane.js';
import { journalQuery } from './journal-query.js';
import { journalReply } from './journal-reply.js';
import type { MockSession } from './mock-session.js';
import type { TokenRegistration } from './register-token.js';
import type { SessionExtras } from '../sessions/session-extras.js';
import type { Session } from '../store/session-registry.js';
import { stateChunks, statePage, stateQuery } from './state-export.js';
import { errors } from '../errors/catalogue.js';
import { ApiError } from '../errors/api-error.js';
import { servedDocument } from '../openapi/served-document.js';

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
  /** The values of a route's `{name}` segments. */
  readonly params: Readonly<Record<string, string>>;
  /** This server as the request named it (`http://<Host>`), for URLs in answers. */
  readonly baseUrl: string;
}

/** An answer: a value to send as JSON, JSON text made already, or JSON text sent in chunks. */
export type ControlReply =
  | { readonly status: number; readonly body: unknown }
  | { readonly status: number; readonly json: string | Buffer }
  | { readonly status: number; readonly chunks: Iterable<string> }
  /** Not JSON: the inspector page and its assets, a spec as YAML. */
  | { readonly status: number; readonly text: string; readonly contentType: string; readonly headers?: Readonly<Record<string, string>> };

export interface ControlRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Below /__mock; a `{name}` segment matches any one segment (ControlContext.params). */
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

/** GET /__mock/openapi/{version}[.json|.yaml]: the version's document as served, `servers` pointing here. */
async function openapi({ plane, params, baseUrl }: ControlContext): Promise<ControlReply> {
  const wanted = params.document ?? '';
  const yaml = /\.ya?ml$/.test(wanted);
  const version = wanted.replace(/\.(ya?ml|json)$/, '');
  const spec = plane.spec();
  const document = servedDocument(spec, version, baseUrl);
  if (document === undefined) throw errors.openapiVersionUnknown(version, spec.versions);
  if (!yaml) return ok(document);
  // Loaded only here: a start with precompiled specs never loads the YAML library.
  const { stringify } = await import('yaml');
  return { status: 200, text: stringify(document, { aliasDuplicateObjects: false }), contentType: 'application/yaml; charset=utf-8' };
}

/** The inspector's page and assets (open: they hold no data; everything they show comes through the guarded endpoints). */
function inspector(path: string): ControlRoute {
  return {
    method: 'GET',
    path,
    open: true,
    run: ({ plane }) => {
      const asset = plane.inspector(path);
      if (asset === undefined) throw errors.controlRouteNotFound('GET', path);
      return { status: 200, text: asset.text, contentType: asset.contentType, headers: asset.headers };
    },
  };
}

/** POST /__mock/reload: 200 with what changed, or a 422 with the one-line error (the previous world stays). */
async function reload({ plane }: ControlContext): Promise<ControlReply> {
  try {
    return ok({ reloaded: true, ...(await plane.reload()) });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw errors.reloadFailed(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Every /__mock endpoint, each a line over the session handle (the same methods the
 * programmatic API offers), so the two can never drift apart.
 */
export const controlRoutes: readonly ControlRoute[] = [
  { method: 'GET', path: '/health', open: true, run: ({ plane }) => ok(plane.health()) },
  inspector('/'),
  inspector('/inspector.js'),
  inspector('/panels.js'),
  inspector('/spec-pointer.js'),
  inspector('/inspector.css'),
  { method: 'POST', path: '/reload', run: reload },
  { method: 'GET', path: '/openapi/{document}', run: openapi },
  { method: 'GET', path: '/sessions', run: ({ plane }) => ok({ data: plane.sessionNames().map((name) => ({ name })) }) },
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
  {
    method: 'DELETE',
    path: '/faults/{id}',
    run: ({ session, params }) => {
      session().removeFault(params.id ?? '');
      return ok({ deleted: 1 });
    },
  },
  { method: 'GET', path: '/drift', run: ({ plane }) => ok(plane.drift()) },
];
