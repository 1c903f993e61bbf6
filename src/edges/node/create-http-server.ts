import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errors } from '../../kernel/catalogue.js';
import { answerClientError, answerEnvelope, answerRaw } from './answer-client-error.js';
import { ConnectionGuard } from './connection-guard.js';
import type { Logger } from '../../logging/logger.js';

/** The limits of the HTTP layer, in milliseconds, bytes or counts (docs/configuration.md). */
interface HttpLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxHeaderBytes: number;
  readonly shutdownGraceMs: number;
}

/** How many requests being answered a stop had to cut when the grace period ran out. */
export interface CloseResult {
  readonly cut: number;
}

/** Timeouts are checked this often (Node's default is 30 s, which let a trickled header live 90 s). */
const CHECK_INTERVAL_MS = 1000;

/**
 * node:http with a shared server's limits: timeouts (408), a connection cap, the envelope for
 * malformed HTTP and an unmet `Expect` (417), and a stop that closes idle connections at once and
 * lets the rest finish within a grace period.
 */
export function createHttpServer(limits: HttpLimits, logger: Logger) {
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
  // An Expect other than 100-continue: the envelope, in the connection's turn, rather than Node's bare 417.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) =>
    guard.dispatch(req.socket, res, (received, done) => {
      received();
      answerEnvelope(res, errors.expectationFailed(req.headers.expect ?? ''));
      done();
    }),
  );
  const stop = new AbortController();
  let closing: Promise<CloseResult> | undefined;
  return {
    server,
    guard,
    listen: (listener: RequestListener, port: number, host: string): Promise<void> => {
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
    },
    /** Runs `task` once, the first time no request has been handled for `ms` (never after close()). */
    whenIdle: (ms: number, task: () => void) => {
      const poll = setInterval(() => {
        if (stop.signal.aborted) clearInterval(poll);
        else if (guard.idleFor(ms, performance.now())) {
          clearInterval(poll);
          task();
        }
      }, Math.max(10, Math.min(100, ms)));
      poll.unref();
    },
    close: (): Promise<CloseResult> =>
      (closing ??= new Promise((resolve) => {
        stop.abort();
        guard.stop();
        let cut = 0;
        const timer = setTimeout(() => (cut = guard.cut()), limits.shutdownGraceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve({ cut });
        });
      })),
  };
}
