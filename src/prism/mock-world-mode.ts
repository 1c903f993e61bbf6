import type { WorldMode } from '../core/served-world.js';
import type { HandlerMap } from '../domain/handler.js';
import { errors } from '../kernel/catalogue.js';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import type { SpecSource } from '../pipeline/answer-source.js';
import { handlerAnswerer } from '../pipeline/answer-sources.js';
import { mockMode } from '../pipeline/mode.js';
import { specAnswerer, specAnswers } from '../pipeline/spec-answerer.js';
import { PrismFallback, prismInstalled, prismLabel } from './prism-fallback.js';

/**
 * The mock's mode for a world of these specs: each operation answered by its handler, else from the
 * spec (example or generated), else by Prism, loaded ahead of need only when some operation needs
 * it. Not installed, start-up warns in one line and that operation answers a 500 naming the package.
 */
export function mockWorldMode(handlers: HandlerMap, spec: CompiledSpec, specSource: SpecSource): WorldMode {
  const unhandled = [...new Set([...spec.operations.values()].flat())].filter((op) => !(op.operationId in handlers));
  const prismOnly = [...new Set(unhandled.filter((op) => !specAnswers(op)).map(prismLabel))];
  const prism = new PrismFallback(spec.sources);
  const answerer = handlerAnswerer(handlers, unhandled.length > 0 ? specAnswerer(specSource, prism) : undefined);
  const missing = prismOnly.length > 0 && !prismInstalled();
  return {
    mode: mockMode(answerer),
    warm: () => (prismOnly.length > 0 && !missing ? prism.warm() : undefined),
    warnings: missing ? [errors.prismMissing(prismOnly.join(', ')).message] : [],
  };
}
