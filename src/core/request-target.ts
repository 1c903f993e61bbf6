/** `.` and `..` spelt with percent-escapes too (`%2e`, `.%2E`…). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
/** `/`, and what some servers take for one: `\`, and both percent-encoded. */
const SEPARATOR = /\/|\\|%2f|%5c/i;

/**
 * Why a request target cannot be a Whop API path, or undefined. Only origin-form is served: an
 * absolute-form target (RFC 9112 lets a client send one to a proxy), `*`, or a dot segment, also
 * percent-encoded or behind an encoded slash (`/%2e%2e/admin`, `/users/..%2f..%2fadmin`), would
 * reach an upstream above its base path; no Whop path has one.
 */
export function targetProblem(url: string): string | undefined {
  if (url.charCodeAt(0) !== 0x2f) return url === '*' ? 'is "*" (asterisk-form)' : 'is not a path (absolute-form or another form a proxy is sent)';
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  // The common path, without any dot: nothing to split.
  if (!path.includes('.') && !/%2e/i.test(path)) return undefined;
  return path.split(SEPARATOR).some((segment) => DOT_SEGMENT.test(segment)) ? 'has a "." or ".." segment' : undefined;
}
