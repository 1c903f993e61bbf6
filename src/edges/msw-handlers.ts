import { http, HttpResponse, type HttpHandler } from 'msw';

/** The official SDK's default base URL: an app that keeps it needs no change to talk to the mock. */
export const WHOP_BASE_URL = 'https://api.whop.com/api/v1';

/** Where the core serves the Whop API (it also answers at the root; this is where the SDK sends). */
const CORE_PREFIX = '/api/v1';

/** What the handlers need of a mock: its fetch edge (createMock()'s, or whop-mock/browser's). */
export interface FetchingMock {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

export interface WhopHandlerOptions {
  /** The base URL the app's client sends to (default the official SDK's, https://api.whop.com/api/v1). */
  readonly baseURL?: string;
}

/**
 * MSW handlers that answer every request under `baseURL` with the mock's fetch edge and match
 * nothing else (MSW treats the rest as `onUnhandledRequest` says). The core sees the path below the
 * base URL under `/api/v1`, whatever the base URL's own path (`https://x.test/whop/api/v1/users/me`
 * is `/api/v1/users/me`). A fault rule's `drop` becomes MSW's network error.
 */
export function whopHandlers(mock: FetchingMock, options: WhopHandlerOptions = {}): HttpHandler[] {
  const base = new URL(options.baseURL ?? WHOP_BASE_URL);
  const basePath = base.pathname.replace(/\/+$/, '');
  return [http.all(`${base.origin}${basePath}/*`, async ({ request }) => {
    const url = new URL(request.url);
    // MSW's pattern is lenient about some characters; the prefix is checked exactly.
    if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) return undefined;
    const bodyless = request.method === 'GET' || request.method === 'HEAD';
    const init: RequestInit = { method: request.method, headers: request.headers, body: bodyless ? undefined : await request.arrayBuffer(), signal: request.signal };
    try {
      return await mock.fetch(`${url.origin}${CORE_PREFIX}${url.pathname.slice(basePath.length)}${url.search}`, init);
    } catch (error) {
      // The fetch edge rejects with a TypeError where a socket would have been closed unanswered.
      if (error instanceof TypeError) return HttpResponse.error();
      throw error;
    }
  })];
}
