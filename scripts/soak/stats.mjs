// What the soak counted: answers by status, slow-socket outcomes, exports, unexpected errors.

/**
 * A server may close an idle keep-alive connection at any moment (RFC 9112 9.3.1; whop-mock does
 * after --keep-alive-timeout-seconds, and at the connection cap it closes the connection idle
 * longest): a request sent on that socket as it closed fails before any answer, as ECONNRESET, or
 * as EPIPE while its body was still being written. Clients retry such a request once (Node's
 * advice: check req.reusedSocket); the soak counts it. Anything else is unexpected.
 */
export function racedKeepAliveClose(req, error, answered) {
  return req.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
}
export function createStats() {
  const statuses = new Map();
  const slow = new Map();
  const unexpected = [];
  let requests = 0;
  let bytes = 0;
  let slowConnections = 0;
  let retried = 0;
  const exports = [];
  return {
    count(status, size) {
      requests += 1;
      bytes += size;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    },
    unexpected(message) {
      unexpected.push(`${new Date().toISOString()} ${message}`);
    },
    retried() {
      retried += 1;
    },
    slowConnected() {
      slowConnections += 1;
    },
    slowAnswered(status) {
      slow.set(status, (slow.get(status) ?? 0) + 1);
    },
    exported(size, ms, users) {
      exports.push({ size, ms, users });
    },
    snapshot() {
      return {
        requests,
        bytes,
        retried,
        statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
        slowConnections,
        slowAnswers: Object.fromEntries(slow),
        exports: exports.length,
        exportMs: exports.map((e) => Math.round(e.ms)),
        exportBytes: exports.at(-1)?.size ?? 0,
        unexpected: unexpected.length,
        firstUnexpected: unexpected.slice(0, 10),
      };
    },
  };
}
