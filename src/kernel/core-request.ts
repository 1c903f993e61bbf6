/** What an edge (node:http, fetch, middleware) hands the mock's one function, which knows no sockets. */
export interface CoreRequest {
  readonly method: string;
  /** The path and query as sent (`/api/v1/users?first=10`); under a middleware, below its mount path. */
  readonly url: string;
  /** Names lower-case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body's bytes, read whole by the edge (within its size limit); undefined without a body. */
  readonly body: Buffer | undefined;
  /** The network peer's address, or `in-process` (the fetch edge: no network, so no loopback or Host checks). */
  readonly peer: string | 'in-process';
  /** The path the edge serves the mock below (a middleware's mount path), for links the mock answers with; '' at the root. */
  readonly base?: string;
  /** Aborted when the client goes away before it is answered (proxy mode aborts the upstream request). */
  readonly signal?: AbortSignal | undefined;
}

export interface CoreResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | number | readonly string[]>>;
  /** Text, bytes, or (a long export) pieces of text the edge sends as it reads them, letting other requests run between. */
  readonly body: string | Buffer | Iterable<string>;
  /** A fault rule's `drop`: close the connection without answering (a fetch rejects, as on a network error). */
  readonly dropped?: boolean;
  /** The edge must close the connection after this answer (the request could not be read whole). */
  readonly close?: boolean;
  readonly log?: AccessFacts;
}

/** An answered API request, as the access log describes it. */
export interface AccessFacts {
  readonly version: string | null;
  readonly operationId: string | null;
  /** The Whop envelope's code, for an error. */
  readonly code: string | undefined;
  /** `<pointer> <rule>` of a contract violation. */
  readonly violation: string | undefined;
}

export type Core = (request: CoreRequest) => Promise<CoreResponse>;
