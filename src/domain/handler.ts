import type { WorldState } from '../world/world-state.js';
import type { Principal } from './principal.js';

/** A handler's input: validated, under the domain's names, with caller and session; no HTTP, no version. */
export interface HandlerContext {
  operationId: string;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  principal: Principal;
  state: WorldState;
}

export interface HandlerResult {
  status: number;
  body: unknown;
}

/** Returns a result or throws an ApiError. */
export type Handler = (context: HandlerContext) => HandlerResult;

export type HandlerMap = Readonly<Record<string, Handler>>;
