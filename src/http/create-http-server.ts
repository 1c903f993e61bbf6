import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { errors } from '../errors/catalogue.js';
import { answerClientError, answerRaw } from './answer-client-error.js';
import { ConnectionGuard } from './connection-guard.js';
import type { Logger } from './logger.js';

/** The limits of the HTTP layer (all in milliseconds or counts; the CLI takes seconds). */
export interface HttpLimits {
  /** Time to receive a request's headers (the slowloris bound). */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request, body included. */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
  /** Largest request head (request line and headers) in bytes; more is a 431. */
  readonly maxHeaderBytes: number;
  /** How long a stop waits for requests being answered before it cuts them. */
  readonly shutdownGraceMs: number;
}

/** What a stop did: how many requests being answered it had to cut when the grace period ran out. */
export interface CloseResult {
  readonly cut: number;
}

export interface HttpServer {
  readonly server: Server;
  readonly guard: ConnectionGuard;
  /** Aborted when close() begins. */
  readonly stopping: AbortSignal;
  listen(listener: RequestListener, port: number, host: string): Promise<void>;
  /** Runs `task` once, the first time no request has been handled for `ms` (never after close()). */
  whenIdle(ms: number, task: () => void): void;
  close(): Promise<CloseResult>;
}

/** Timeouts are checked this often (Node's default is 30 s, which let a trickled header live 90 s). */
const CHECK_INTERVAL_MS = 1000;

/**
 * node:http with the limits a long-running, shared server needs: header, request and keep-alive
 * timeouts (a request that does not arrive in time gets a 408 envelope), a connection cap that
 * evicts the longest-waiting incomplete connection, the envelope for malformed HTTP, and a stop
 * that closes idle and half-sent connections at once, answers delayed requests at once, lets
 * the rest finish within a grace period and reports what it had to cut.
 */
export function createHttpServer(limits: HttpLimits, logger: Logger): HttpServer {
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(CHECK_INTERVAL_MS, limits.headersTimeoutMs),
    maxHeaderSize: limits.maxHeaderBytes,
    // A missing Host gets the envelope from the listener rather than Node's bare 400.
    requireHostHeader: false,
  });
  const guard = new ConnectionGuard({
    maxConnections: limits.maxConnections,
    evict: ({ socket, response, halfSent }) => {
      if (response !== null || halfSent) answerRaw(socket, errors.requestTimeout());
      else socket.destroy();
    },
    refuse: (socket) => answerRaw(socket, errors.serverBusy(`${limits.maxConnections} connections are open and every one is being answered (--max-connections)`)),
  });
  server.on('connection', (socket) => guard.accept(socket));
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => answerClientError(error, socket, guard.responding(socket as Socket)));
  const stop = new AbortController();
  let closing: Promise<CloseResult> | undefined;
  return {
    server,
    guard,
    stopping: stop.signal,
    listen: (listener, port, host) => listen(server, listener, port, host, logger),
    whenIdle: (ms, task) => {
      const poll = setInterval(() => {
        if (stop.signal.aborted) clearInterval(poll);
        else if (guard.idleFor(ms, performance.now())) {
          clearInterval(poll);
          task();
        }
      }, Math.max(10, Math.min(100, ms)));
      poll.unref();
    },
    close: () => {
      closing ??= new Promise((resolve) => {
        stop.abort();
        guard.stop();
        let cut = 0;
        const timer = setTimeout(() => (cut = guard.cut()), limits.shutdownGraceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve({ cut });
        });
      });
      return closing;
    },
  };
}

function listen(server: Server, listener: RequestListener, port: number, host: string, logger: Logger): Promise<void> {
  server.on('request', listener);
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use` : `cannot listen on ${host}:${port}: ${error.message}`));
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      // Later errors (EMFILE when accepting at the descriptor limit) are logged; the server goes on.
      server.on('error', (error: NodeJS.ErrnoException) => logger.error('server error', { code: error.code, message: error.message }));
      resolve();
    });
  });
}
