import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { UpstreamFailure } from '../pipeline/answer-source.js';
import type { ApiRequest } from '../pipeline/pipeline.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './upstream-headers.js';

/** Time for the whole answer (headers and body), and its largest body in bytes. */
export interface UpstreamLimits {
  readonly timeoutMs: number;
  readonly bodyLimit: number;
}

/** What came back, before the body is read as JSON. */
export interface RawReply {
  readonly kind: 'raw';
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly bytes: Buffer;
  readonly url: string;
  readonly durationMs: number;
}

/** The upstream of one server: where it is and the connections kept to it. */
export function upstreamOf(url: string): { readonly base: URL; readonly agent: HttpAgent } {
  const base = new URL(url);
  const options = { keepAlive: true, maxSockets: 64 };
  return { base, agent: base.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options) };
}

/**
 * Sends one request to the upstream (path appended to its base path; query and body as they came;
 * hop-by-hop headers dropped). Never rejects: resolves with the raw answer or why there is none:
 * unreachable (refused, unknown host, TLS), timeout, connection_lost (closed mid-answer), too_large,
 * invalid_response (a status outside 200-599, or a 101), client_closed (the signal aborted: the
 * upstream request is destroyed, freeing its connection or its place in the agent's queue).
 */
export function forwardRequest(upstream: ReturnType<typeof upstreamOf>, request: ApiRequest, limits: UpstreamLimits, started = performance.now(), retried = false): Promise<RawReply | UpstreamFailure> {
  const path = `${upstream.base.pathname.replace(/\/+$/, '')}${request.path}`;
  const url = `${upstream.base.origin}${path}`;
  const failure = (reason: UpstreamFailure['reason'], detail?: string): UpstreamFailure => ({ kind: 'failure', reason, url, durationMs: performance.now() - started, ...(detail !== undefined && { detail }) });
  const signal = request.client?.signal;
  if (signal?.aborted === true) return Promise.resolve(failure('client_closed'));
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: RawReply | UpstreamFailure | Promise<RawReply | UpstreamFailure>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      resolve(value);
    };
    const send = upstream.base.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(
      {
        protocol: upstream.base.protocol,
        hostname: upstream.base.hostname.replace(/^\[|\]$/g, ''),
        port: upstream.base.port || undefined,
        method: request.method,
        path: request.search === '' ? path : `${path}?${request.search}`,
        headers: upstreamRequestHeaders(request.headers, upstream.base.host),
        agent: upstream.agent,
      },
      (response) => readReply(response, limits.bodyLimit, (result) => settle(typeof result === 'string' ? failure(result) : 'invalid' in result ? failure('invalid_response', result.invalid) : { kind: 'raw', ...result, url, durationMs: performance.now() - started })),
    );
    let answered = false;
    outgoing.on('response', () => (answered = true));
    // A 101 is not an answer a client of the API can be given; its connection is the upstream's to keep, not ours.
    outgoing.on('upgrade', (response: IncomingMessage, socket: Duplex) => {
      socket.destroy();
      settle(failure('invalid_response', `status ${response.statusCode ?? 101} (a protocol switch)`));
    });
    const abort = () => {
      settle(failure('client_closed'));
      outgoing.destroy();
    };
    signal?.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(() => {
      settle(failure('timeout'));
      outgoing.destroy();
    }, limits.timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the upstream had closed meanwhile: a GET is sent once more, afresh.
      const resend = !answered && !settled && !retried && outgoing.reusedSocket && (request.method === 'GET' || request.method === 'HEAD');
      settle(resend ? forwardRequest(upstream, request, limits, started, true) : failure(answered || LOST.has(error.code ?? '') ? 'connection_lost' : 'unreachable'));
    });
    outgoing.end(request.rawBody);
  });
}

/** Errors of a connection that was made and then closed under the request; any other (refused, no such host, TLS) is unreachable. */
const LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

type ReadResult = { status: number; headers: Record<string, string | string[]>; bytes: Buffer } | { invalid: string } | 'too_large' | 'connection_lost';

function readReply(response: IncomingMessage, limit: number, done: (result: ReadResult) => void): void {
  const status = response.statusCode ?? 0;
  // Node hands on only final answers (1xx are informational); 600-999 parse, but are no HTTP status.
  if (status < 200 || status > 599) {
    done({ invalid: `status ${status} is not a final HTTP status (200-599)` });
    response.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      done('too_large');
      response.destroy();
      return;
    }
    chunks.push(chunk);
  });
  response.on('end', () => {
    if (!response.complete) return done('connection_lost');
    done({ status, headers: clientResponseHeaders(response.rawHeaders), bytes: Buffer.concat(chunks) });
  });
  response.on('aborted', () => done('connection_lost'));
  response.on('error', () => done('connection_lost'));
}
