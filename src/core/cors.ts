/** Which browser origins may call: any (`*`), exact origins, or a scheme and host on any port (`http://localhost:*`). */
export interface CorsPolicy {
  readonly anyOrigin: boolean;
  readonly origins: ReadonlySet<string>;
  /** `scheme://host` of the `scheme://host:*` entries. */
  readonly anyPort: ReadonlySet<string>;
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

/** The default of --control-origins: pages served from this machine, on any port. */
export const LOOPBACK_ORIGINS = 'http://localhost:*, http://127.0.0.1:*, http://[::1]:*, https://localhost:*, https://127.0.0.1:*, https://[::1]:*';

/** Always allowed, whatever the browser lists: what a Whop client and a mock-aware test send. */
const ALWAYS_ALLOWED = ['Authorization', 'Content-Type', 'Api-Version-Date', 'X-Mock-Session', 'Prefer'];
const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
/** What browser code may read from a response besides the CORS-safelisted headers. */
const EXPOSED = 'Api-Version-Date, X-Mock-Session, X-Mock-Contract-Violation';
/** Browsers cap this anyway (Chromium at 2 h); 10 minutes keeps a changed config from lingering. */
const MAX_AGE_S = '600';
const ORIGIN = /^([a-z][a-z0-9+.-]*:\/\/(?:\[[^\]]*\]|[^:/]+))(?::(\d+|\*))?$/;

/**
 * `*` allows any origin; otherwise a comma-separated list of origins (`http://localhost:5173`),
 * where `:*` allows any port (`http://localhost:*`). An empty list allows none.
 */
export function corsPolicy(config: string): CorsPolicy {
  const listed = config.split(',').map(normalizeOrigin).filter((origin) => origin !== '');
  const anyPort = listed.filter((origin) => origin.endsWith(':*')).map((origin) => origin.slice(0, -2));
  return { anyOrigin: listed.includes('*'), origins: new Set(listed), anyPort: new Set(anyPort) };
}

export function allowsOrigin(policy: CorsPolicy, origin: string): boolean {
  if (policy.anyOrigin) return true;
  const normalized = normalizeOrigin(origin);
  if (policy.origins.has(normalized)) return true;
  const base = ORIGIN.exec(normalized)?.[1];
  return base !== undefined && policy.anyPort.has(base);
}

/**
 * An allowed origin is echoed (with `Vary: Origin`), never `*`, with `Allow-Credentials: true`: a
 * page may send cookies or HTTP authentication, which browsers refuse without it and never allow
 * with `*`. Any other origin, or none (not a cross-origin request), gets no CORS headers.
 */
export function corsHeaders(policy: CorsPolicy, { method, origin, requestMethod, requestHeaders }: CorsRequest): CorsAnswer {
  const preflight = method === 'OPTIONS' && origin !== undefined && requestMethod !== undefined;
  if (origin === undefined || !allowsOrigin(policy, origin)) return { preflight, headers: {} };
  const allowed = { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
  if (!preflight) return { preflight, headers: { ...allowed, 'access-control-expose-headers': EXPOSED, vary: 'Origin' } };
  return {
    preflight,
    headers: {
      ...allowed,
      'access-control-allow-methods': METHODS,
      'access-control-allow-headers': allowedHeaders(requestHeaders),
      'access-control-max-age': MAX_AGE_S,
      vary: 'Origin, Access-Control-Request-Headers',
    },
  };
}

function allowedHeaders(requested: string | undefined): string {
  const names = new Map(ALWAYS_ALLOWED.map((name) => [name.toLowerCase(), name]));
  for (const raw of (requested ?? '').split(',')) {
    const name = raw.trim();
    const key = name.toLowerCase();
    if (/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) && !names.has(key)) names.set(key, name);
  }
  return [...names.values()].join(', ');
}

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}
