import type { AnswerSource, SourceRequest, SourceResult, UpstreamFailure } from '../answers/answer-source.js';
import { renderError, type ApiError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import { decodeBody } from './decode-body.js';
import { forwardRequest, upstreamOf, type UpstreamLimits } from './forward-request.js';

export interface UpstreamSource<S> {
  /** The answer source of proxy mode: the request as it came, to the upstream. */
  readonly source: AnswerSource<S>;
  /** The same, for a request no operation describes. */
  readonly forward: (request: SourceRequest) => Promise<SourceResult>;
  /** Closes the connections kept open to the upstream. */
  readonly close: () => void;
}

/**
 * Proxy mode's answer source: forwards the request and answers what the upstream answered, to be
 * sent byte for byte (`upstream` in the result). An upstream that cannot be reached, drops the
 * connection or sends too much is a 502 envelope, one that is too slow a 504: mock-level errors.
 */
export function upstreamSource<S>(url: string, limits: UpstreamLimits): UpstreamSource<S> {
  const upstream = upstreamOf(url);
  const forward = async (request: SourceRequest): Promise<SourceResult> => {
    const answer = await forwardRequest(upstream, request, limits);
    if (answer.kind === 'failure') {
      const error = failureError(answer, limits);
      return { status: error.status, body: renderError(error), upstream: answer };
    }
    const { json, parsed } = decodeBody(answer.bytes, answer.headers['content-encoding']);
    return { status: answer.status, body: json, upstream: { ...answer, kind: 'reply', json, parsed } };
  };
  return { source: (call) => forward(call.request), forward, close: () => upstream.agent.destroy() };
}

function failureError(failure: UpstreamFailure, limits: UpstreamLimits): ApiError {
  switch (failure.reason) {
    case 'timeout':
      return errors.upstreamTimeout(limits.timeoutMs);
    case 'too_large':
      return errors.upstreamTooLarge(limits.bodyLimit);
    case 'connection_lost':
      return errors.upstreamConnectionLost();
    default:
      return errors.upstreamUnreachable(`no connection to ${new URL(failure.url).origin}`);
  }
}
