import type { MaybePromise } from '../state/maybe-promise.js';
import type { StoredSession } from '../state/session-store.js';
import type { ControlPlane } from './control-plane.js';
import { coverageMarkdown } from './coverage-markdown.js';
import { journalQuery, journalReply } from './journal-query.js';
import type { SessionControl } from './mock-session.js';
import { stateChunks, statePage, stateQuery } from './state-export.js';
import { errors } from '../kernel/catalogue.js';
import { servedDocument } from '../openapi/served-document.js';
import { sessionName } from '../state/session-name.js';
import { fixtureKindNames, fixtureKinds } from '../world/fixture-kinds.js';

/** What a control endpoint gets: the caller's session (looked up on first use), body and query. */
export interface ControlContext {
  readonly plane: ControlPlane;
  readonly session: () => SessionControl;
  /** The session's world and journal themselves, for the answers too large to build as one value. */
  readonly stored: () => MaybePromise<StoredSession>;
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
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
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
async function state({ stored, query, pageMax }: ControlContext): Promise<ControlReply> {
  const wanted = stateQuery(query, pageMax);
  const world = (await stored()).state;
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
      const asset = plane.inspector?.(path);
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
    // WorldReloader rejects with a plain one-line Error.
    throw errors.reloadFailed(error instanceof Error ? error.message : String(error));
  }
}

const COVERAGE_KEYS = ['session', 'format'];

/** `?session=name` (one session; absent: all sessions) and `?format=json|markdown`; other keys are a 400. */
function coverageQuery(query: URLSearchParams): { session: string | null; markdown: boolean } {
  let session: string | null = null;
  let markdown = false;
  for (const [key, value] of query) {
    if (!COVERAGE_KEYS.includes(key)) throw errors.parameterInvalid(key, `is not a coverage parameter; use ${COVERAGE_KEYS.join(', ')}`);
    if (key === 'session') session = sessionName(value);
    else if (value === 'markdown' || value === 'json') markdown = value === 'markdown';
    else throw errors.parameterInvalid('format', `must be json or markdown, got "${value.slice(0, 40)}"`);
  }
  return { session, markdown };
}

/** GET /__mock/coverage: what the requests exercised of the specs served now (docs/coverage.md), as JSON or Markdown. */
async function coverage({ plane, query }: ControlContext): Promise<ControlReply> {
  const { session, markdown } = coverageQuery(query);
  const report = await plane.coverage(session);
  return markdown ? { status: 200, text: coverageMarkdown(report), contentType: 'text/markdown; charset=utf-8' } : ok(report);
}

/** DELETE /__mock/coverage: forgets the counts of one session (`?session=`), or every count. */
async function clearCoverage({ plane, query }: ControlContext): Promise<ControlReply> {
  const { session } = coverageQuery(query);
  await plane.clearCoverage(session);
  return ok({ cleared: true, session });
}

/** Every /__mock endpoint, each a line over the session handle the programmatic API offers (no drift). */
export const controlRoutes: readonly ControlRoute[] = [
  { method: 'GET', path: '/health', open: true, run: async ({ plane }) => ok(await plane.health()) },
  ...['/', '/inspector.js', '/panels.js', '/page.js', '/entry-view.js', '/journal-tools.js', '/journal-toolbar.js', '/spec-pointer.js', '/inspector.css', '/coverage.js', '/coverage.css'].map(inspector),
  { method: 'POST', path: '/reload', run: reload },
  { method: 'GET', path: '/openapi/{document}', run: openapi },
  { method: 'GET', path: '/sessions', run: async ({ plane }) => ok({ data: (await plane.sessionNames()).map((name) => ({ name })) }) },
  { method: 'POST', path: '/reset', run: ({ session }) => session().reset().then(() => ok({ session: session().name, reset: true })) },
  // Bodies are unchecked input here: seed, registerToken, addFault and restore check them (and so answer 400s).
  ...fixtureKindNames.filter((kind) => fixtureKinds[kind].seed === true).map((kind): ControlRoute => ({
    method: 'POST',
    path: `/${kind}`,
    run: async ({ session, body }) => ok(await session().seed(kind, body)),
  })),
  { method: 'POST', path: '/tokens', run: async ({ session, body }) => created({ token: await session().registerToken(body) }) },
  { method: 'GET', path: '/state', run: state },
  { method: 'PUT', path: '/state', run: ({ session, body }) => session().restore(body).then(() => ok({ session: session().name, restored: true })) },
  {
    method: 'GET',
    path: '/requests',
    run: async ({ stored, query, pageMax }) => {
      const { filter, window } = journalQuery(query, pageMax);
      return { status: 200, json: journalReply(await (await stored()).extras.journal.page(filter, window)) };
    },
  },
  { method: 'DELETE', path: '/requests', run: async ({ session }) => ok({ deleted: await session().clearRequests() }) },
  { method: 'POST', path: '/faults', run: async ({ session, body }) => created(await session().addFault(body)) },
  { method: 'GET', path: '/faults', run: async ({ session }) => ok({ data: await session().faults() }) },
  { method: 'DELETE', path: '/faults', run: async ({ session }) => ok({ deleted: await session().clearFaults() }) },
  { method: 'GET', path: '/drift', run: ({ plane }) => ok(plane.drift()) },
  { method: 'GET', path: '/coverage', run: coverage },
  { method: 'DELETE', path: '/coverage', run: clearCoverage },
  { method: 'DELETE', path: '/faults/{id}', run: ({ session, params }) => session().removeFault(params.id ?? '').then(() => ok({ deleted: 1 })) },
];
