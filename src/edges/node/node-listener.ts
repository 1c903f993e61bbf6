import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { envelope } from '../../core/create-core.js';
import { ApiError } from '../../kernel/api-error.js';
import { errors } from '../../kernel/catalogue.js';
import type { Core, CoreRequest, CoreResponse } from '../../kernel/core-request.js';
import { headerValue } from '../../kernel/header-value.js';
import type { Logger } from '../../logging/logger.js';
import type { ConnectionGuard } from './connection-guard.js';
import { readBody, type BodyBuffers } from './read-body.js';
import { writeResponse } from './write-response.js';

export interface NodeEdgeOptions {
  readonly logger: Logger;
  readonly bodyLimit: number;
  readonly bodyBuffers: BodyBuffers;
  /** A streamed answer the client reads none of for this long is cut off. */
  readonly stallMs: number;
}

/**
 * node:http in front of the core: the guard's order, the body read within its limits, the answer
 * written (or the socket closed, for `drop`), one access-log line. Nothing that goes wrong serving
 * one request stops the server: it costs that request a 500 envelope (or its connection, when its
 * head was written), logged with its method and path.
 */
export function nodeListener(core: Core, guard: ConnectionGuard, options: NodeEdgeOptions): RequestListener {
  return (req, res) => {
    try {
      guard.dispatch(req.socket, res, (received, done) => void serve(core, req, res, options, received).then(done, done));
    } catch (error) {
      lastResort(options.logger, req, res, error);
    }
  };
}

/** How a request reaches `serve` from an app a middleware is mounted in: below its mount path, its body perhaps read already. */
export interface Mounted {
  readonly prefix: string;
  readonly body?: (() => Promise<Buffer | undefined>) | undefined;
}

/** Serves one request from any node:http server (the edge's own, or the app a middleware is mounted in). */
export function serve(core: Core, req: IncomingMessage, res: ServerResponse, options: NodeEdgeOptions, received: () => void, mounted: Mounted = { prefix: '' }): Promise<void> {
  const started = options.logger.logsRequests ? performance.now() : 0;
  const url = req.url ?? '/';
  const answer = (response: CoreResponse) => finish(req, res, options, mounted.prefix, url, started, response);
  const failed = (error: unknown) => {
    received();
    // Reading the body (413, 503, a broken connection), a missing Host, or a bug past the core's own handling.
    if (!(error instanceof ApiError)) report(options.logger, 'request failed', req, url, error);
    return answer(envelope(error instanceof ApiError ? error : errors.internal()));
  };
  const handle = (body: Buffer | undefined) => {
    received();
    return core(new NodeRequest(req, res, url, body, mounted.prefix)).then(answer, failed);
  };
  try {
    // Node answers a missing Host itself with a bare 400 unless told not to; the envelope instead.
    if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) throw errors.hostRequired();
    const body = mounted.body ? mounted.body() : readBody(req, options.bodyLimit, options.bodyBuffers);
    return body === undefined ? handle(undefined) : body.then(handle, failed);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
}

/** Writes the answer and logs its access line; what goes wrong here costs this answer only. */
function finish(req: IncomingMessage, res: ServerResponse, options: NodeEdgeOptions, prefix: string, url: string, started: number, response: CoreResponse): Promise<void> | void {
  const { logger } = options;
  const written = writeResponse(res, response, options.stallMs, (error) => report(logger, 'the answer could not be written; its connection was closed', req, url, error));
  if (!logger.logsRequests || url.startsWith('/__mock')) return written;
  try {
    logger.request({
      method: req.method ?? 'GET',
      path: `${prefix}${url.split('?')[0]}`,
      status: response.dropped ? 'dropped' : response.status,
      version: response.log?.version ?? null,
      operation: response.log?.operationId ?? null,
      durationMs: performance.now() - started,
      code: response.log?.code,
      // As the header has it: printable ASCII, so a property name cannot break the line or drive a terminal.
      violation: response.log?.violation === undefined ? undefined : headerValue(response.log.violation, 500),
    });
  } catch (error) {
    report(logger, 'the access log line could not be written', req, url, error);
  }
  return written;
}

/** A node:http request as the core reads it; its `signal` is made only when asked for (proxy mode). */
class NodeRequest implements CoreRequest {
  readonly method: string;
  readonly headers: IncomingMessage['headers'];
  readonly peer: string;
  #signal: AbortSignal | undefined;

  constructor(
    req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly url: string,
    readonly body: Buffer | undefined,
    readonly base: string,
  ) {
    this.method = req.method ?? 'GET';
    this.headers = req.headers;
    this.peer = req.socket.remoteAddress ?? '';
  }

  /** Aborted when the connection closes before the answer is written. */
  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const client = new AbortController();
      this.res.once('close', () => this.res.writableFinished || client.abort());
      this.#signal = client.signal;
    }
    return this.#signal;
  }
}

/** A request whose serving threw before it could be answered: a 500 envelope, or its connection closed if the head is out. */
function lastResort(logger: Logger, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  report(logger, 'request failed', req, req.url ?? '/', error);
  try {
    if (res.headersSent) res.destroy();
    else void writeResponse(res, envelope(errors.internal()), 0, () => res.destroy());
  } catch {
    res.destroy();
  }
}

/** Logs what went wrong with one request; a logger that itself fails is left alone. */
function report(logger: Logger, message: string, req: IncomingMessage, url: string, error: unknown): void {
  try {
    logger.error(message, { method: req.method, path: url.split('?')[0], error: error instanceof Error ? error.stack : String(error) });
  } catch {
    // Nothing left to tell it with.
  }
}
