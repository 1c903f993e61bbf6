import type { ApiError } from '../kernel/api-error.js';
import { errors } from '../kernel/catalogue.js';
import type { SourceResult, UpstreamFailure } from '../pipeline/answer-source.js';
import type { ApiRequest, RequestNotes } from '../pipeline/pipeline.js';
import { decodeBody } from './decode-body.js';
import { forwardRequest, upstreamOf, type UpstreamLimits } from './forward-request.js';

export interface UpstreamSource {
  /** The request as it came, to the upstream; how it answered is noted for the journal and drift. */
  readonly forward: (request: ApiRequest, notes: RequestNotes) => Promise<SourceResult>;
  readonly close: () => void;
}

/** With rejectInvalid, a body nested past maxJsonDepth is a 502 rather than passed on unread. */
interface UpstreamReading extends UpstreamLimits {
  readonly maxJsonDepth: number;
  readonly rejectInvalid: boolean;
}

/**
 * Forwards a request and answers what the upstream answered, byte for byte (`raw`). An upstream
 * unreachable, dropping the connection, sending too much or what cannot be passed on is a 502
 * envelope, a slow one a 504: mock-level errors, never the operation's.
 */
export function upstreamSource(url: string, reading: UpstreamReading): UpstreamSource {
  const upstream = upstreamOf(url);
  const forward = async (request: ApiRequest, notes: RequestNotes): Promise<SourceResult> => {
    const answer = await forwardRequest(upstream, request, reading);
    if (answer.kind === 'failure') throw failed(answer, reading, notes);
    const body = await decodeBody(answer.bytes, answer.headers['content-encoding'], { maxBytes: reading.bodyLimit, maxDepth: reading.maxJsonDepth });
    const unusable = (reason: UpstreamFailure['reason'], detail: string) => failed({ kind: 'failure', reason, detail, url: answer.url, durationMs: answer.durationMs }, reading, notes);
    if (body.kind === 'too_large') throw unusable('too_large', body.encoding);
    if (body.kind === 'too_deep' && reading.rejectInvalid) throw unusable('invalid_response', `its body nests objects and arrays more than ${reading.maxJsonDepth} levels deep (--max-json-depth)`);
    const json = body.kind === 'json' ? body.json : undefined;
    const tooDeep = body.kind === 'too_deep';
    notes.upstream = { ...answer, kind: 'reply', json, parsed: body.kind === 'json', ...(tooDeep && { tooDeep }) };
    return { status: answer.status, body: json, raw: { headers: answer.headers, bytes: answer.bytes, parsed: body.kind === 'json', ...(tooDeep && { tooDeep }) } };
  };
  return { forward, close: () => upstream.agent.destroy() };
}

/** Each failure as the mock-level error the client gets. */
const ERRORS: { readonly [R in UpstreamFailure['reason']]: (failure: UpstreamFailure, limits: UpstreamLimits) => ApiError } = {
  unreachable: ({ url }) => errors.upstreamUnreachable(`no connection to ${new URL(url).origin}`),
  timeout: (_, limits) => errors.upstreamTimeout(limits.timeoutMs),
  connection_lost: () => errors.upstreamConnectionLost(),
  too_large: ({ detail }, limits) => (detail === undefined ? errors.upstreamTooLarge(limits.bodyLimit) : errors.upstreamTooLargeInflated(limits.bodyLimit, detail)),
  invalid_response: ({ detail }) => errors.upstreamInvalidResponse(detail ?? 'it is not an HTTP answer'),
  client_closed: () => errors.clientClosedRequest(),
};

/** The failure noted (the journal and drift keep it), as the mock-level error the client gets. */
function failed(failure: UpstreamFailure, limits: UpstreamLimits, notes: RequestNotes): ApiError {
  notes.upstream = failure;
  return ERRORS[failure.reason](failure, limits);
}
