import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { SourceRequest, UpstreamFailure } from '../answers/answer-source.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './upstream-headers.js';

export interface UpstreamLimits {
  /** Time for the whole answer, headers and body. */
  readonly timeoutMs: number;
  /** Largest answer body in bytes. */
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
export interface Upstream {
  readonly base: URL;
  readonly agent: HttpAgent;
}

export function upstreamOf(url: string): Upstream {
  const base = new URL(url);
  const options = { keepAlive: true, maxSockets: 64 };
  return { base, agent: base.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options) };
}

/**
 * Sends one request to the upstream: its path appended to the upstream's base path, its query
 * string and body as they came, its headers less hop-by-hop ones. Resolves with the raw answer,
 * or with why there is none: unreachable (refused, unknown host, TLS), timeout (no full answer
 * within `timeoutMs`), connection_lost (closed mid-answer), too_large. Never rejects.
 */
export function forwardRequest(upstream: Upstream, request: SourceRequest, limits: UpstreamLimits, started = performance.now(), retried = false): Promise<RawReply | UpstreamFailure> {
  const path = `${upstream.base.pathname.replace(/\/+$/, '')}${request.path}`;
  const url = `${upstream.base.origin}${path}`;
  const failure = (reason: UpstreamFailure['reason']): UpstreamFailure => ({ kind: 'failure', reason, url, durationMs: performance.now() - started });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: RawReply | UpstreamFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
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
      (response) => readReply(response, limits.bodyLimit, (result) => settle(result === 'too_large' || result === 'connection_lost' ? failure(result) : { kind: 'raw', ...result, url, durationMs: performance.now() - started })),
    );
    let answered = false;
    outgoing.on('response', () => (answered = true));
    const timer = setTimeout(() => {
      settle(failure('timeout'));
      outgoing.destroy();
    }, limits.timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the upstream had closed meanwhile: a GET is sent once more, afresh.
      if (!answered && !settled && !retried && outgoing.reusedSocket && (request.method === 'GET' || request.method === 'HEAD')) {
        settled = true;
        clearTimeout(timer);
        resolve(forwardRequest(upstream, request, limits, started, true));
        return;
      }
      settle(failure(answered || LOST.has(error.code ?? '') ? 'connection_lost' : 'unreachable'));
    });
    outgoing.end(request.rawBody);
  });
}

/** Errors of a connection that was made and then closed under the request; any other (refused, no such host, TLS) is unreachable. */
const LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function readReply(response: IncomingMessage, limit: number, done: (result: { status: number; headers: Record<string, string | string[]>; bytes: Buffer } | 'too_large' | 'connection_lost') => void): void {
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
    done({ status: response.statusCode ?? 502, headers: clientResponseHeaders(response.rawHeaders), bytes: Buffer.concat(chunks) });
  });
  response.on('aborted', () => done('connection_lost'));
  response.on('error', () => done('connection_lost'));
}
