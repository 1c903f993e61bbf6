import { errors } from '../kernel/catalogue.js';
import type { SpecDocument } from '../openapi/load-specs.js';
import type { Answerer, SourceCall } from '../pipeline/answer-source.js';
import { PrismFallback, PrismNotInstalled } from './prism-fallback.js';

/** Prism as the mock's last answerer; `warm` loads it ahead of the first request that needs it. */
export function prismAnswerer(sources: readonly SpecDocument[]): Answerer & { warm(): void } {
  const prism = new PrismFallback(sources);
  return {
    // Prism answers only what no handler does; a forced 2xx there comes from the spec.
    handles: () => false,
    answer: (call) =>
      prism.respond(call.operation, prismRequest(call)).catch((error: unknown) => {
        // An optional peer dependency: without it, this request gets the envelope, the server goes on.
        throw error instanceof PrismNotInstalled ? errors.prismMissing(`${call.operation.method} ${call.operation.path} (${call.operation.operationId})`) : error;
      }),
    warm: () => prism.warm(),
  };
}

function prismRequest({ request, input }: SourceCall) {
  // The route table forgives a trailing slash (`/users/`); Prism's router does not.
  const path = request.path.length > 1 ? request.path.replace(/\/+$/, '') : request.path;
  return { method: request.method, path, query: input.query as Record<string, string>, headers: input.headers, body: input.body };
}
