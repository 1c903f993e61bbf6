import type { ApiRequest, ApiResponse, RequestNotes } from '../pipeline/pipeline.js';
import type { JournalInput } from '../state/journal/journal-entry.js';
import { redactJsonText } from '../state/journal/redact-body.js';

type ProxiedFields = Pick<JournalInput, 'rawBody' | 'bodyJson' | 'responsePayload' | 'requestValidation' | 'upstream'>;

/** A proxied exchange's journal extras: both validations, the upstream's part; bodies with real data redacted. */
export function proxiedJournalFields(notes: RequestNotes, request: ApiRequest, bodyText: string | undefined, response: ApiResponse): ProxiedFields {
  const rawBody = request.rawBody;
  const requestText = bodyText ?? (rawBody && rawBody.length > 0 ? rawBody.toString('utf8') : undefined);
  const redactedRequest = requestText === undefined ? undefined : redactJsonText(requestText);
  const { refusal, upstream } = notes;
  const security = notes.securityMissing ? { security_missing: true as const } : {};
  return {
    rawBody: redactedRequest === undefined ? rawBody : Buffer.from(redactedRequest),
    bodyJson: bodyText === undefined || redactedRequest === undefined ? undefined : redactedRequest,
    responsePayload: responseText(notes, response),
    requestValidation: refusal === null ? { valid: true, ...security } : { valid: false, code: refusal.code, param: refusal.param, message: refusal.message, ...security },
    upstream:
      upstream === null
        ? null
        : { url: upstream.url, status: upstream.kind === 'reply' ? upstream.status : null, duration_ms: Math.round(upstream.durationMs * 1000) / 1000, failure: upstream.kind === 'reply' ? null : upstream.reason },
  };
}

function responseText(notes: RequestNotes, response: ApiResponse): string | undefined {
  const reply = notes.upstream?.kind === 'reply' ? notes.upstream : null;
  if (reply === null) return response.payload === '' ? undefined : redactJsonText(response.payload);
  if (reply.bytes.length === 0) return undefined;
  // Not JSON (or compressed beyond reading): kept as a JSON string of its text.
  return reply.parsed ? redactJsonText(JSON.stringify(reply.json)) : JSON.stringify(redactJsonText(reply.bytes.toString('utf8')));
}
