import type { Core } from '../kernel/core-request.js';
import { renderError } from '../kernel/api-error.js';
import { errors } from '../kernel/catalogue.js';

/** What `mock.fetch` takes: a Request, or what `fetch` takes. */
export type FetchInput = Parameters<typeof fetch>[0];

/**
 * The core as a fetch function, with no socket (`new Whop({ fetch: mock.fetch })`, MSW handlers): the
 * path and query go to the core whatever the host; the body is read whole, within `bodyLimit` (413
 * beyond). A fault's `drop` rejects as a network error does.
 */
export function fetchEdge(core: Core, bodyLimit: number): (input: FetchInput, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const headers = Object.fromEntries(request.headers);
    if (Number(headers['content-length'] ?? 0) > bodyLimit) return tooLarge(bodyLimit);
    const bytes = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    if (bytes !== undefined && bytes.length > bodyLimit) return tooLarge(bodyLimit);
    const response = await core({ method: request.method, url: `${url.pathname}${url.search}`, headers, body: bytes?.length ? bytes : undefined, peer: 'in-process', signal: request.signal });
    if (response.dropped) throw new TypeError('fetch failed: the mock closed the connection without answering (a fault rule with drop)');
    const out = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (Array.isArray(value)) for (const one of value) out.append(name, one);
      else out.set(name, String(value));
    }
    const body = response.body;
    const bodyless = request.method === 'HEAD' || response.status === 204 || response.status === 304;
    return new Response(bodyless ? null : typeof body === 'string' || Buffer.isBuffer(body) ? body : streamOf(body), { status: response.status, headers: out });
  };
}

function tooLarge(limit: number): Response {
  return Response.json(renderError(errors.payloadTooLarge(limit)), { status: 413 });
}

/** A long export as a stream, read as the client reads it. */
function streamOf(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = iterator.next();
      if (next.done === true) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}
