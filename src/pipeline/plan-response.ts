import type { ApiError } from '../kernel/api-error.js';
import { errors } from '../kernel/catalogue.js';
import type { SpecChoice } from './answer-source.js';
import type { TakenFault } from '../state/fault-list.js';
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
  /** The step of the rule's sequence that applied; null for a plain rule (or none). */
  readonly faultStep: number | null;
  readonly answer: Answer;
}

/**
 * What the simulation does to one request. A fault rule outranks Prefer, as a real outage would;
 * their delays add up, capped. A `pass` step (or a delay-only rule) lets the request's own answer
 * through, Prefer included. A forced 2xx on a stateful operation still runs the handler (the state
 * decides the body), unless `example=` or `dynamic=true`; a forced error answers its envelope.
 */
export function planResponse(preferences: Preferences, fault: TakenFault | undefined, stateful: boolean, maxDelayMs: number = MAX_DELAY_MS): Plan {
  const action = fault?.action;
  const delayMs = Math.min(maxDelayMs, (action?.delay_ms ?? 0) + (preferences.delayMs ?? 0));
  let answer: Answer;
  if (action?.drop) answer = { kind: 'drop' };
  else if (action?.status === undefined) answer = forced(preferences.code, preferences, stateful);
  else answer = action.body === undefined ? forced(action.status, {}, stateful) : { kind: 'body', status: action.status, body: action.body };
  return { delayMs, faultId: fault?.id ?? null, faultStep: fault?.step ?? null, answer };
}

/** The usual answer (the handler, as asked), shared and frozen: most requests plan it. */
const NORMAL: Answer = Object.freeze({ kind: 'normal' });

function forced(code: number | undefined, { example, dynamic }: Preferences, stateful: boolean): Answer {
  const fromSpec = example !== undefined || dynamic === true;
  if (!fromSpec && (code === undefined || (code < 300 && stateful))) return NORMAL;
  if (!fromSpec && code !== undefined && code >= 300) return { kind: 'error', error: errors.simulated(code) };
  return { kind: 'spec', choice: { code, exampleKey: example, dynamic } };
}
