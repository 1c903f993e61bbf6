import { anonymous } from '../domain/principal.js';
import { ApiError } from '../kernel/api-error.js';
import type { Mode } from '../pipeline/mode.js';
import type { Exchange } from '../pipeline/pipeline.js';
import { validateRequest } from '../validation/validate-request.js';
import { proxiedJournalFields } from './proxy-journal.js';
import type { UpstreamSource } from './upstream-source.js';

/**
 * Proxy mode's part of the pipeline: tokens are the upstream's business (a missing bearer token is
 * only noted); a request the spec refuses is noted and forwarded unchanged (to learn what the
 * upstream does with it) unless `rejectInvalid`; the upstream answers, never twice.
 */
export function proxyMode(upstream: UpstreamSource, rejectInvalid: boolean, observe: (exchange: Exchange) => void): Mode {
  return {
    principal: (operation, authorization, _session, notes) => {
      notes.securityMissing = operation.scopes !== null && !/^\s*bearer\s+\S/i.test(authorization ?? '');
      return anonymous;
    },
    admit: (operation, validators, raw, notes) => {
      try {
        return validateRequest(operation, validators, raw);
      } catch (error) {
        if (rejectInvalid || !(error instanceof ApiError)) throw error;
        notes.refusal = error;
        return raw;
      }
    },
    refused: (error, request, notes) => {
      if (rejectInvalid) return undefined;
      notes.refusal = error;
      return upstream.forward(request, notes);
    },
    answerer: { handles: () => true, answer: (call) => upstream.forward(call.request, call.notes) },
    repeatable: false,
    // The journal then shows every bearer token as an unknown token.
    tokenKind: () => () => undefined,
    journalFields: proxiedJournalFields,
    observe,
  };
}
