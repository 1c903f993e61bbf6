import { headerValue } from '../kernel/header-value.js';

/** Hop-by-hop headers (RFC 9110 7.6.1): they describe one connection, never cross a proxy. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Names a `Connection` header lists are hop-by-hop too. */
function listedInConnection(headers: Headers): Set<string> {
  const value = headers.connection;
  const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  return new Set(text.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean));
}

/**
 * The client's headers as the upstream gets them: all but hop-by-hop ones and the mock's own
 * `X-Mock-*`, `Host` naming the upstream. Content-Length is kept: the body goes byte for byte.
 */
export function upstreamRequestHeaders(headers: Headers, host: string): Record<string, string | string[]> {
  const dropped = listedInConnection(headers);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || dropped.has(name) || name === 'host' || name.startsWith('x-mock-')) continue;
    out[name] = typeof value === 'string' ? value : [...value];
  }
  out.host = host;
  return out;
}

/**
 * The upstream's headers as the client gets them: all but hop-by-hop ones (the mock frames the body
 * itself) and CORS ones (the mock's CORS policy answers the browser). Values go on as printable
 * ASCII (Node reads bytes above 0x7E as Latin-1; they go on as `%XX`).
 */
export function clientResponseHeaders(rawHeaders: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([(rawHeaders[i] as string).toLowerCase(), headerValue(rawHeaders[i + 1] as string, Number.POSITIVE_INFINITY, 'latin1')]);
  const dropped = listedInConnection(Object.fromEntries(pairs));
  for (const [name, value] of pairs) {
    if (HOP_BY_HOP.has(name) || dropped.has(name) || name === 'content-length' || name.startsWith('access-control-')) continue;
    const before = out[name];
    out[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  return out;
}
