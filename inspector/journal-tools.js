// What the inspector does with journal entries besides showing them: their times in the browser's
// zone, their status class, a request as curl, a request sent again into the session, the
// session's journal as HAR 1.2 and its state as a fixtures file. Entries never hold a secret
// whole (the journal redacts them), so curl and HAR show placeholders where secrets were.
import { api, app } from './page.js';

/** `14:03:07.250` in the browser's time zone; the entry keeps UTC (shown on hover). */
export function localTime(iso) {
  const date = new Date(iso);
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function localDateTime(iso) {
  const date = new Date(iso);
  return `${date.toLocaleDateString()} ${localTime(iso)}`;
}

/** What the status filter knows an entry as: `2xx` … `5xx`, `dropped`, plus `violation` and `unmatched`. */
export function statusClasses(entry) {
  const classes = [entry.status === null ? 'dropped' : `${String(entry.status)[0]}xx`];
  if (entry.validation && entry.validation.valid === false) classes.push('violation');
  if (entry.operationId === null) classes.push('unmatched');
  return classes;
}

/** Headers a client's transport or browser sets, never the test's choice: left out of curl, replay and nothing else. */
const TRANSPORT = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'user-agent', 'origin', 'referer', 'transfer-encoding', 'keep-alive', 'te', 'upgrade', 'expect']);
const REDACTED = /^(?:\S+ )?\[(?:redacted|admin token|user_oauth_token|account_api_key|app_api_key|unknown token)\b/;

/** The request's target on this mock: the SDK's /api/v1 prefix, the path and the query as sent. */
export function targetOf(entry) {
  return `${location.origin}/api/v1${entry.path}${entry.query_string ? `?${entry.query_string}` : ''}`;
}

/** The entry's body as sent, as text (undefined without one). */
function bodyText(entry) {
  if (entry.body === null || entry.body === undefined) return undefined;
  return typeof entry.body === 'string' ? entry.body : JSON.stringify(entry.body);
}

/** An environment variable named after a header (`X-Api-Key` -> `X_API_KEY`); the bearer token is `WHOP_TOKEN`. */
function placeholderFor(name) {
  return name === 'authorization' ? 'WHOP_TOKEN' : name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

const quote = (text) => `'${String(text).replace(/'/g, `'\\''`)}'`;

/**
 * The request as a curl command against this mock. A header the journal redacted is sent from an
 * environment variable (`-H "Authorization: Bearer $WHOP_TOKEN"`): set it and run.
 */
export function curlOf(entry) {
  const parts = ['curl', '-X', entry.method, quote(targetOf(entry))];
  for (const [name, value] of Object.entries(entry.headers ?? {})) {
    if (TRANSPORT.has(name) || name.startsWith('sec-')) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (REDACTED.test(one)) {
        const scheme = name === 'authorization' ? 'Bearer ' : '';
        parts.push('-H', `"${name}: ${scheme}$${placeholderFor(name)}"`);
      } else parts.push('-H', quote(`${name}: ${one}`));
    }
  }
  const body = bodyText(entry);
  if (body !== undefined) parts.push('--data-raw', quote(body));
  return parts.join(' ');
}

/** The session's tokens (GET /__mock/state?kind=tokens, every page). */
async function sessionTokens() {
  const tokens = [];
  let after = null;
  do {
    const page = await api('GET', `/state?kind=tokens&limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    tokens.push(...page.data);
    after = page.page_info.has_next_page ? page.page_info.end_cursor : null;
  } while (after);
  return tokens;
}

/** The one token of the session a redacted `Bearer [<kind> …<last 4>]` can be, or undefined. */
async function tokenFor(redacted) {
  const found = /^Bearer \[(\w+)(?: …(\S{4}))?\]$/.exec(redacted ?? '');
  if (!found) return undefined;
  const [, kind, suffix] = found;
  const candidates = (await sessionTokens()).filter((token) => token.kind === kind && (suffix === undefined || token.token.endsWith(suffix)));
  return candidates.length === 1 ? candidates[0].token : undefined;
}

/**
 * Sends the entry's request again, into the inspected session: same method, path, query, headers
 * and body, the bearer token found again among the session's tokens by its kind and last four
 * characters. Returns the status, or throws saying why it cannot be replayed.
 */
export async function replay(entry) {
  if (entry.body_truncated) throw new Error(`its body was cut in the journal (${entry.body_size} bytes): it cannot be sent again as it was`);
  const headers = {};
  const left = [];
  for (const [name, value] of Object.entries(entry.headers ?? {})) {
    if (TRANSPORT.has(name) || name.startsWith('sec-') || name === 'cookie' || Array.isArray(value)) continue;
    if (name === 'authorization' && REDACTED.test(value)) {
      const token = await tokenFor(value);
      if (token === undefined) left.push('Authorization (no single token of this session matches it)');
      else headers.authorization = `Bearer ${token}`;
    } else if (REDACTED.test(value)) left.push(name);
    else headers[name] = value;
  }
  headers['x-mock-session'] = app.session;
  const res = await fetch(targetOf(entry), { method: entry.method, headers, body: bodyText(entry), cache: 'no-store' });
  await res.arrayBuffer();
  return { status: res.status, left };
}

const STATUS_TEXT = { 200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Payload Too Large', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

const harHeaders = (headers) => Object.entries(headers ?? {}).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => ({ name, value: String(one) })));

/** The entries as a HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/), oldest first. */
export function harOf(entries) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'whop-mock inspector', version: '1' },
      pages: [],
      entries: entries.map((entry) => {
        const body = bodyText(entry);
        const response = entry.response_body === null ? undefined : typeof entry.response_body === 'string' ? entry.response_body : JSON.stringify(entry.response_body);
        return {
          startedDateTime: entry.time,
          time: entry.duration_ms,
          request: {
            method: entry.method,
            url: targetOf(entry),
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: harHeaders(entry.headers),
            queryString: [...new URLSearchParams(entry.query_string)].map(([name, value]) => ({ name, value })),
            ...(body === undefined ? {} : { postData: { mimeType: String(entry.headers?.['content-type'] ?? 'application/json'), text: body } }),
            headersSize: -1,
            bodySize: entry.body_size,
          },
          response: {
            status: entry.status ?? 0,
            statusText: entry.status === null ? 'dropped by a fault rule' : STATUS_TEXT[entry.status] ?? '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: harHeaders(entry.response_headers),
            content: { size: entry.response_size, mimeType: String(entry.response_headers?.['content-type'] ?? 'application/json'), ...(response === undefined ? {} : { text: response }) },
            redirectURL: '',
            headersSize: -1,
            bodySize: entry.response_size,
          },
          cache: {},
          timings: { send: 0, wait: entry.duration_ms, receive: 0 },
          _id: entry.id,
          ...(entry.fault_id ? { _fault: { id: entry.fault_id, step: entry.fault_step } } : {}),
          ...(entry.validation?.valid === false ? { _validation: entry.validation } : {}),
        };
      }),
    },
  };
}

/** Saves text as a file the browser downloads (the page's own blob: no request leaves it). */
export function download(name, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
