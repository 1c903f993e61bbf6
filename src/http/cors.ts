/** Which browser origins may call the mock: any (`*`), or a list. */
export interface CorsPolicy {
  readonly anyOrigin: boolean;
  readonly origins: ReadonlySet<string>;
}

/** The request headers CORS looks at (names lower-case, as Node gives them). */
export interface CorsRequest {
  readonly method: string;
  readonly origin?: string | undefined;
  readonly requestMethod?: string | undefined;
  readonly requestHeaders?: string | undefined;
}

export interface CorsAnswer {
  /** A preflight: answer 204 with `headers` and stop (it never reaches the API or /__mock). */
  readonly preflight: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

/** Always allowed, whatever the browser lists: what a Whop client and a mock-aware test send. */
const ALWAYS_ALLOWED = ['Authorization', 'Content-Type', 'Api-Version-Date', 'X-Mock-Session', 'Prefer'];
const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
/** What browser code may read from a response besides the CORS-safelisted headers. */
const EXPOSED = 'Api-Version-Date, X-Mock-Session, X-Mock-Contract-Violation';
/** Browsers cap this anyway (Chromium at 2 h); 10 minutes keeps a changed config from lingering. */
const MAX_AGE_S = '600';

/** `*` (or nothing) allows any origin; otherwise a comma-separated list such as `http://localhost:5173`. */
export function corsPolicy(config: string): CorsPolicy {
  const listed = config.split(',').map(normalizeOrigin).filter((origin) => origin !== '');
  return { anyOrigin: listed.length === 0 || listed.includes('*'), origins: new Set(listed) };
}

/**
 * The CORS headers for one request. The origin is echoed (with `Vary: Origin`) rather than `*`,
 * so a page that sends credentials works too. A request from an origin the policy does not allow
 * gets no CORS headers at all, and the browser blocks it; a request without Origin is not a
 * browser's cross-origin request and gets none either.
 */
export function corsHeaders(policy: CorsPolicy, request: CorsRequest): CorsAnswer {
  const preflight = request.method === 'OPTIONS' && request.origin !== undefined && request.requestMethod !== undefined;
  const origin = request.origin;
  if (origin === undefined || !(policy.anyOrigin || policy.origins.has(normalizeOrigin(origin)))) return { preflight, headers: {} };
  if (!preflight) return { preflight, headers: { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED, vary: 'Origin' } };
  return {
    preflight,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': METHODS,
      'access-control-allow-headers': allowedHeaders(request.requestHeaders),
      'access-control-max-age': MAX_AGE_S,
      vary: 'Origin, Access-Control-Request-Headers',
    },
  };
}

function allowedHeaders(requested: string | undefined): string {
  const names = [...ALWAYS_ALLOWED];
  const seen = new Set(names.map((name) => name.toLowerCase()));
  for (const raw of (requested ?? '').split(',')) {
    const name = raw.trim();
    if (/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      names.push(name);
    }
  }
  return names.join(', ');
}

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}
