import type { StoredSession } from '../state/session-store.js';
import type { ValidationResult } from '../state/journal/journal-entry.js';
import type { WorldState } from '../world/world-state.js';
import type { ApiRequest, ApiResponse, Outcome } from './api-request.js';

/** What is kept of one answer: enough to send it again and journal it (its headers as sent, less the core's CORS headers). */
export interface MemoizedAnswer {
  readonly outcome: Outcome;
  readonly response: ApiResponse;
  readonly validation: ValidationResult | null;
}

/** Answers kept per session world, at most; the oldest goes first. */
const PER_STATE = 64;

/** Request headers that never change an answer (transport and client details). */
const IGNORED = new Set(['host', 'connection', 'user-agent', 'accept', 'accept-encoding', 'accept-language', 'cache-control', 'pragma', 'x-mock-session', 'content-length', 'origin', 'referer']);

/**
 * GET answers remembered per session world: the same request (path, query, every header that could
 * matter) on a world no write has changed since is answered the same, skipping route to JSON (more
 * than everything else a GET costs: docs/performance.md). A write, a reload, a Prefer header or a
 * session with fault rules take the full path. Every request is still journaled. Held weakly by
 * world, so a session that goes takes its answers with it.
 */
export class AnswerMemo {
  readonly #byState = new WeakMap<WorldState, { writes: number; answers: Map<string, MemoizedAnswer> }>();

  /** The request's key, or undefined when its answer may not be reused. */
  keyOf(request: ApiRequest, session: StoredSession): string | undefined {
    if (request.method !== 'GET' || request.rawBody !== undefined || request.headers.prefer !== undefined || !session.extras.faults.empty) return undefined;
    let key = `${request.path}?${request.search}`;
    for (const name in request.headers) if (!IGNORED.has(name)) key += `\n${name}:${String(request.headers[name])}`;
    return key;
  }

  get(session: StoredSession, key: string): MemoizedAnswer | undefined {
    const kept = this.#byState.get(session.state);
    return kept !== undefined && kept.writes === session.state.ledger.writes ? kept.answers.get(key) : undefined;
  }

  set(session: StoredSession, key: string, answer: MemoizedAnswer): void {
    const { state } = session;
    let kept = this.#byState.get(state);
    if (kept === undefined || kept.writes !== state.ledger.writes) this.#byState.set(state, (kept = { writes: state.ledger.writes, answers: new Map() }));
    if (kept.answers.size >= PER_STATE) kept.answers.delete(kept.answers.keys().next().value as string);
    // Sent again as it is, to every later request: nothing may change it.
    Object.freeze(answer.response.headers);
    Object.freeze(answer.response.sent);
    kept.answers.set(key, Object.freeze({ ...answer, response: Object.freeze(answer.response) }));
  }
}
