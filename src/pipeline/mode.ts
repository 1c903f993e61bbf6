import { authenticate } from '../domain/authenticate.js';
import type { Principal } from '../domain/principal.js';
import type { ApiError } from '../kernel/api-error.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { JournalInput } from '../state/journal/journal-entry.js';
import type { StoredSession } from '../state/session-store.js';
import type { OperationValidators } from '../validation/spec-validators.js';
import { validateRequest, type RequestInput } from '../validation/validate-request.js';
import type { Answerer, SourceResult } from './answer-source.js';
import type { ApiRequest, ApiResponse, Exchange, RequestNotes } from './api-request.js';

/** How requests are admitted and answered, chosen at start: the mock's below, or src/proxy/proxy-mode.ts. */
export interface Mode {
  /** Who the caller is: the token's grant in the session (401/403 otherwise), or nobody, a missing credential noted. */
  principal(operation: Operation, authorization: string | undefined, session: StoredSession, notes: RequestNotes): Principal;
  /** The request as the operation reads it; a request the spec refuses throws, or is noted and goes on as sent. */
  admit(operation: Operation, validators: OperationValidators, raw: RequestInput, notes: RequestNotes): RequestInput;
  /** A refusal before any operation read the request (unknown route or version, unreadable body): another answer for it, or undefined. */
  refused(error: ApiError, request: ApiRequest, notes: RequestNotes): Promise<SourceResult> | undefined;
  /** Who answers when nothing forces another answer. */
  readonly answerer: Answerer;
  /** Whether a request may be answered twice (a store may run it again, src/state/redis); an upstream must be asked once. */
  readonly repeatable: boolean;
  /** What a bearer token is in the caller's session, as the journal shows it. */
  tokenKind(session: StoredSession): (token: string) => string | undefined;
  /** What the journal keeps of the exchange beyond the usual. */
  journalFields?(notes: RequestNotes, request: ApiRequest, bodyText: string | undefined, response: ApiResponse): Partial<JournalInput>;
  /** Learns from every finished exchange (never fails it). */
  observe?(exchange: Exchange): void;
}

/** The mock: tokens from the session, the spec's refusals answered, the handlers (or a fallback) answering. */
export function mockMode(answerer: Answerer): Mode {
  return {
    principal: (operation, authorization, session) => authenticate(operation, authorization, (token) => session.state.tokens.get(token)),
    admit: (operation, validators, raw) => validateRequest(operation, validators, raw),
    refused: () => undefined,
    answerer,
    repeatable: true,
    tokenKind: (session) => (token) => session.state.tokens.get(token)?.kind,
  };
}
