import { errors } from '../kernel/catalogue.js';
import type { SpecDocument } from '../openapi/load-specs.js';
import type { Answerer } from '../pipeline/answer-source.js';
import { PrismFallback, PrismNotInstalled } from './prism-fallback.js';

/** Prism as the mock's last answerer; `warm` loads it ahead of the first request that needs it. */
export function prismAnswerer(sources: readonly SpecDocument[]): Answerer & { warm(): void } {
  const prism = new PrismFallback(sources);
  return {
    // Prism answers only what no handler does; a forced 2xx there comes from the spec.
    handles: () => false,
    answer: (call) =>
      prism.respond(call).catch((error: unknown) => {
        // An optional peer dependency: without it, this request gets the envelope, the server goes on.
        throw error instanceof PrismNotInstalled ? errors.prismMissing(`${call.operation.method} ${call.operation.path} (${call.operation.operationId})`) : error;
      }),
    warm: () => prism.warm(),
  };
}
