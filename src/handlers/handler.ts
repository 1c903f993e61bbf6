import type { Principal } from '../auth/principal.js';

/**
 * What a stateful handler gets: validated input, the caller, and the caller's session state.
 * No Express objects and no API version: a handler returns the canonical (fullest) view and the
 * pipeline projects it into the version the caller speaks.
 */
export interface HandlerContext<S> {
  operationId: string;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  principal: Principal;
  state: S;
  /**
   * Names the operation declares (query parameters and top-level body fields). Lets a handler
   * name a parameter the way this caller's version spells it without knowing the version.
   */
  declared: ReadonlySet<string>;
}

export interface HandlerResult {
  status: number;
  body: unknown;
}

/** Returns a result or throws an ApiError. */
export type Handler<S> = (context: HandlerContext<S>) => HandlerResult;

export type HandlerMap<S> = Readonly<Record<string, Handler<S>>>;
