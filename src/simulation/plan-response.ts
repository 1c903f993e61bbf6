import type { ApiError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import type { SpecChoice } from '../answers/answer-source.js';
import type { Fault } from './fault-list.js';
import { MAX_DELAY_MS, type Preferences } from './parse-prefer.js';

/** How the request will be answered once it has passed authentication and validation. */
export type Answer =
  /** As usual: the stateful handler, Prism's default for an operation without one, or the upstream. */
  | { readonly kind: 'normal' }
  /** From the spec: a status, a named example, or generated data. */
  | { readonly kind: 'spec'; readonly choice: SpecChoice }
  /** A fault rule's own body. */
  | { readonly kind: 'body'; readonly status: number; readonly body: unknown }
  /** The Whop envelope for a forced error status. */
  | { readonly kind: 'error'; readonly error: ApiError }
  /** Close the connection without a response. */
  | { readonly kind: 'drop' };

export interface Plan {
  readonly delayMs: number;
  readonly faultId: string | null;
  readonly answer: Answer;
}

/**
 * Decides what the simulation does to one request. A matching fault rule (set up by the test)
 * outranks the request's own Prefer, as a real outage would; their delays add up, capped at
 * the delay cap. A forced 2xx on a stateful operation still runs the handler (the state decides
 * the body); with `example=` or `dynamic=true` the body comes from the spec instead. A forced
 * error status answers the Whop envelope for it. Every answer is validated like any other.
 */
export function planResponse(preferences: Preferences, fault: Fault | undefined, stateful: boolean, maxDelayMs: number = MAX_DELAY_MS): Plan {
  const delayMs = Math.min(maxDelayMs, (fault?.delay_ms ?? 0) + (preferences.delayMs ?? 0));
  const faultId = fault?.id ?? null;
  if (fault?.drop) return { delayMs, faultId, answer: { kind: 'drop' } };
  if (fault?.status !== undefined) {
    const answer: Answer = fault.body !== undefined ? { kind: 'body', status: fault.status, body: fault.body } : forced(fault.status, {}, stateful);
    return { delayMs, faultId, answer };
  }
  return { delayMs, faultId, answer: forced(preferences.code, preferences, stateful) };
}

/** The usual answer (the handler, as asked), shared and frozen: most requests plan it. */
const NORMAL: Answer = Object.freeze({ kind: 'normal' });

function forced(code: number | undefined, { example, dynamic }: Preferences, stateful: boolean): Answer {
  const fromSpec = example !== undefined || dynamic === true;
  if (!fromSpec && (code === undefined || (code < 300 && stateful))) return NORMAL;
  if (!fromSpec && code !== undefined && code >= 300) return { kind: 'error', error: errors.simulated(code) };
  const choice: { code?: number; exampleKey?: string; dynamic?: boolean } = {};
  if (code !== undefined) choice.code = code;
  if (example !== undefined) choice.exampleKey = example;
  if (dynamic !== undefined) choice.dynamic = dynamic;
  return { kind: 'spec', choice };
}
