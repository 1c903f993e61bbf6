const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Every bound the mock puts on what clients can make it hold or wait for: one named default
 * each. The CLI flags, the MockServerOptions fields and the README's limits table all read
 * these (times are in seconds here, as the flags take them; the options take milliseconds).
 */
export const LIMITS = {
  /** Largest request body; more is a 413. */
  bodyLimitBytes: 1 * MiB,
  /** Bytes of request bodies being received at once, over every connection; more is a 503. */
  bodyBufferBytes: 64 * MiB,
  /** Deepest nesting of objects and arrays in a JSON body (API and /__mock); more is a 400. */
  maxJsonDepth: 64,
  /** Largest request line plus headers; more is a 431. */
  maxHeaderBytes: 16 * KiB,
  /** Journal entries kept per session (0 turns the journal off). */
  journalEntries: 200,
  /** Journal bytes kept per session, as serialized. */
  journalSessionBytes: 2 * MiB,
  /** Journal bytes kept by all sessions together. */
  journalTotalBytes: 64 * MiB,
  /** A request or response body longer than this is kept cut in the journal. */
  journalBodyBytes: 32 * KiB,
  /** Most records or journal entries in one page of GET /__mock/state?kind= and GET /__mock/requests (also the default). */
  controlPageMax: 1000,
  /** Longest `Prefer: delay` or fault `delay_ms`, in milliseconds (their sum is capped too). */
  maxDelayMs: 10_000,
  /** Bytes one session's own records (written or seeded, as JSON) may hold; more is a 413. */
  sessionBytes: 256 * KiB,
  /** A store command (Redis) not answered in this time fails the request with a 503. */
  storeTimeoutSeconds: 2,
  /** Sessions kept besides the default one (least recently used evicted). */
  maxSessions: 1000,
  sessionIdleSeconds: 3600,
  /** Time to receive a request's headers. */
  headersTimeoutSeconds: 10,
  /** Time to receive a whole request, body included. */
  requestTimeoutSeconds: 30,
  /** An idle keep-alive connection closes after this. */
  keepAliveTimeoutSeconds: 5,
  /** Open connections; at the cap the longest-waiting connection without a complete request is closed. */
  maxConnections: 4096,
  /** How long a stop lets requests being answered finish (delays are cut short at once). */
  shutdownGraceSeconds: 5,
  /** Proxy mode: how long the upstream may take to answer (headers and body) before the client gets a 504. */
  upstreamTimeoutMs: 30_000,
  /** Proxy mode: the largest upstream answer passed through; more is a 502. */
  upstreamBodyBytes: 16 * MiB,
  /** Proxy mode: distinct violations, unknown fields and refusals the drift report keeps per operation (and unrouted routes in all). */
  driftGroups: 100,
} as const;
