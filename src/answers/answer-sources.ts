import type { HandlerMap } from '../handlers/handler.js';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import { PrismFallback } from '../openapi/prism-fallback.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import type { AnswerSource, AnswerSources, SourceCall } from './answer-source.js';
import { BodyGenerator } from './generate-body.js';
import { specSource } from './spec-source.js';

export interface SourceDeps<S> {
  readonly spec: CompiledSpec;
  readonly validators: SpecValidators;
  readonly handlers: HandlerMap<S>;
  /** Proxy mode: the upstream answers every request nothing forces another answer for. */
  readonly upstream?: AnswerSource<S> | undefined;
}

/**
 * Which source answers what, decided once at start:
 *
 *   plan 'normal'  ─▶ the upstream (proxy mode)
 *                    else the operation's stateful handler
 *                    else Prism (an operation of a larger spec without a handler)
 *   plan 'spec'    ─▶ the spec's examples or generated data (spec-source; no Prism)
 *
 * A fault's body and a forced error envelope are answered by the pipeline itself. Prism is
 * needed only by operations without a handler outside proxy mode, so only then is it ever
 * loaded (in the background by `warm`, or by the first request that needs it).
 */
export function answerSources<S>(deps: SourceDeps<S>): AnswerSources<S> {
  const generator = new BodyGenerator(deps.spec.schemaDocuments);
  const stateless = [...deps.spec.operations.values()].some((list) => list.some((op) => !(op.operationId in deps.handlers)));
  const prism = deps.upstream === undefined && stateless ? new PrismFallback(deps.spec.sources) : null;
  const normal: AnswerSource<S> =
    deps.upstream ??
    (async (call) => {
      const handler = deps.handlers[call.operation.operationId];
      if (handler) return handler(handlerContext(call));
      if (prism === null) throw new Error(`no source answers ${call.operation.operationId}`);
      return prism.respond(call.operation, prismRequest(call), {});
    });
  return { normal, spec: specSource(deps.validators, generator), warm: () => prism?.warm() };
}

function handlerContext<S>({ operation, input, principal, state }: SourceCall<S>) {
  const body = input.body as Record<string, unknown> | undefined;
  return { operationId: operation.operationId, path: input.path, query: input.query, body, principal, state, declared: operation.declared };
}

function prismRequest<S>({ request, input }: SourceCall<S>) {
  // The route table forgives a trailing slash (`/users/`); Prism's router does not.
  const path = request.path.length > 1 ? request.path.replace(/\/+$/, '') : request.path;
  return { method: request.method, path, query: input.query as Record<string, string>, headers: input.headers, body: input.body };
}
