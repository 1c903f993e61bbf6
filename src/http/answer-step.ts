import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceCall, SourceResult } from '../answers/answer-source.js';
import type { Answer } from '../simulation/plan-response.js';
import type { Pipeline } from './pipeline.js';

/**
 * Waits out a Prefer or fault delay, unless the server starts to shut down: then the request is
 * answered at once (as planned, only sooner), so a stop never has to choose between waiting up
 * to the delay cap and cutting the request.
 */
export async function delay(ms: number, stopping: AbortSignal): Promise<void> {
  if (stopping.aborted) return;
  try {
    await sleep(ms, undefined, { signal: stopping });
  } catch {
    // Aborted by shutdown: answer now.
  }
}

/**
 * The answer step: every source gives a status and a body that then go through the same
 * projection and response validation. A forced error and a fault's body are answered here; the
 * rest by the server's sources (src/answers: handler, Prism, spec examples and generated data,
 * or the upstream in proxy mode).
 */
export function answerStep<S>(pipeline: Pipeline<S>, call: SourceCall<S>, plan: Exclude<Answer, { kind: 'drop' }>): Promise<SourceResult> {
  // Not an async function: the source's own promise is handed on as it is, so an answer costs
  // no extra turns of the microtask queue. Anything thrown still arrives as a rejection.
  try {
    if (plan.kind === 'error') return Promise.reject(plan.error);
    if (plan.kind === 'body') return Promise.resolve({ status: plan.status, body: structuredClone(plan.body) });
    if (plan.kind === 'spec') return pipeline.sources.spec(call, plan.choice);
    return pipeline.sources.normal(call);
  } catch (error) {
    return Promise.reject(error);
  }
}
