import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, LATEST, type Call } from './mock.js';

/**
 * One server for the file, a fresh X-Mock-Session for every test: tests share nothing and
 * need no reset. `control` calls /__mock, `api` the Whop API, both in the test's session.
 */
export function sessionPerTest(prefix: string, start: () => Promise<MockServer>) {
  let server: MockServer | undefined;
  let session = '';
  let counter = 0;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    counter += 1;
    session = `${prefix}-${counter}`;
  });
  const current = (): MockServer => {
    if (!server) throw new Error('the server has not started yet');
    return server;
  };
  const headers = () => ({ 'x-mock-session': session });
  return {
    server: current,
    session: () => session,
    headers,
    control: (method: string, path: string, body?: unknown) => call(current(), { method, path: `/__mock${path}`, body, headers: headers() }),
    /** Any request, in the test's session. */
    call: (request: Call) => call(current(), { ...request, headers: { ...headers(), ...request.headers } }),
    api: (path: string, token: string, version: string | null = LATEST) => call(current(), { path: `/api/v1${path}`, token, version, headers: headers() }),
  };
}
