import type { JournalInput, RequestValidation, UpstreamRecord } from '../journal/journal-entry.js';
import { redactJsonText } from '../journal/redact-body.js';
import type { ApiResponse } from '../http/pipeline.js';
import type { ProxyFacts } from './exchange.js';

type ProxiedFields = Pick<JournalInput, 'rawBody' | 'bodyJson' | 'responsePayload' | 'requestValidation' | 'upstream'>;

/**
 * What the journal keeps of a proxied exchange besides the usual: both validation results and
 * the upstream's part. Bodies carry real people's data here, so both are kept with emails,
 * phones and secrets redacted (src/journal/redact-body); an upstream body that is not JSON is kept
 * as its text.
 */
export function proxiedJournalFields(facts: ProxyFacts, rawBody: Buffer | undefined, bodyText: string | undefined, response: ApiResponse): ProxiedFields {
  const requestText = bodyText ?? (rawBody && rawBody.length > 0 ? rawBody.toString('utf8') : undefined);
  const redactedRequest = requestText === undefined ? undefined : redactJsonText(requestText);
  return {
    rawBody: redactedRequest === undefined ? rawBody : Buffer.from(redactedRequest),
    bodyJson: bodyText === undefined || redactedRequest === undefined ? undefined : redactedRequest,
    responsePayload: responseText(facts, response),
    requestValidation: requestValidation(facts),
    upstream: upstreamRecord(facts),
  };
}

function responseText(facts: ProxyFacts, response: ApiResponse): string | undefined {
  const reply = facts.upstream?.kind === 'reply' ? facts.upstream : null;
  if (reply === null) return response.payload === '' ? undefined : redactJsonText(response.payload);
  if (reply.bytes.length === 0) return undefined;
  // Not JSON (or compressed beyond reading): kept as a JSON string of its text.
  return reply.parsed ? redactJsonText(JSON.stringify(reply.json)) : JSON.stringify(redactJsonText(reply.bytes.toString('utf8')));
}

function requestValidation(facts: ProxyFacts): RequestValidation {
  const security = facts.securityMissing ? { security_missing: true as const } : {};
  const refusal = facts.refusal;
  if (refusal === null) return { valid: true, ...security };
  return { valid: false, code: refusal.code, param: refusal.param, message: refusal.message, ...security };
}

function upstreamRecord(facts: ProxyFacts): UpstreamRecord | null {
  const answer = facts.upstream;
  if (answer === null) return null;
  const durationMs = Math.round(answer.durationMs * 1000) / 1000;
  return answer.kind === 'reply'
    ? { url: answer.url, status: answer.status, duration_ms: durationMs, failure: null }
    : { url: answer.url, status: null, duration_ms: durationMs, failure: answer.reason };
}
