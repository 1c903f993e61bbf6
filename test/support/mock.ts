import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Whop from '@whop/sdk';
import { createMock, createMockServer, type MockServer, type MockServerOptions } from '../../src/index.js';

export const LATEST = '2026-06-09';
export const SDK_DATE = '2026-07-20';
export const ORIGINAL = '2025-01-01';

export interface Call {
  method?: string;
  path: string;
  token?: string | null;
  version?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON, read field by field in assertions (the one loosely typed value in the tests). */
  body: any;
}

/**
 * Which edge the contract suites talk through: `node` (a listening server, fetch over a socket;
 * the default) or `fetch` (createMock's `mock.fetch`, no socket). vitest.config.ts runs the
 * contract and control-plane suites once with each.
 */
export const EDGE: 'node' | 'fetch' = process.env.WHOP_MOCK_TEST_EDGE === 'fetch' ? 'fetch' : 'node';

/** How a test reaches the mock: the global fetch over a socket, or the mock's own fetch. */
export function fetchOf(server: MockServer): typeof fetch {
  return EDGE === 'fetch' ? (server.fetch as typeof fetch) : fetch;
}

/** The official SDK against this mock, through the edge under test. */
export function sdkFor(server: MockServer, options: ConstructorParameters<typeof Whop>[0] = {}): Whop {
  return new Whop({ maxRetries: 0, ...options, baseURL: `${server.url}/api/v1`, ...(EDGE === 'fetch' ? { fetch: server.fetch as typeof fetch } : {}) });
}

/** One request the way a user's client sends it: fetch against the mock, through the edge under test. */
export async function call(server: MockServer, request: Call): Promise<Reply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.version) headers['api-version-date'] = request.version;
  let body: string | undefined = request.rawBody;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetchOf(server)(`${server.url}${request.path}`, { method: request.method ?? 'GET', headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** A mock for one test file, behind the edge under test (in-process with the fetch edge: no port, `url` is a name). */
export async function startMock(options: MockServerOptions = {}): Promise<MockServer> {
  if (EDGE === 'node') return createMockServer({ port: 0, ...options });
  const mock = await createMock(options);
  const server = Object.defineProperties({}, Object.getOwnPropertyDescriptors(mock)) as MockServer;
  server.url = 'http://whop.test';
  server.port = 0;
  server.close = async () => ({ cut: 0, ...(await mock.close()) });
  return server;
}

/** A copy of the package's specs/ (and fixtures/) that a test may edit. */
export function copyOf(folder: 'specs' | 'fixtures'): string {
  const dir = mkdtempSync(join(tmpdir(), `whop-mock-${folder}-`));
  cpSync(join(process.cwd(), folder), dir, { recursive: true });
  return dir;
}

export function editFile(path: string, edit: (text: string) => string): void {
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`editFile: nothing changed in ${path}`);
  writeFileSync(path, after);
}

/** Asserts the Whop envelope exactly: all four fields, nothing else. */
export function envelopeOf(reply: Reply): { type: string; message: string; code: string | null; param: string | null } {
  const error = reply.body?.error;
  if (!error || Object.keys(reply.body).length !== 1) throw new Error(`not a Whop error envelope: ${JSON.stringify(reply.body)}`);
  const keys = Object.keys(error).sort().join(',');
  if (keys !== 'code,message,param,type') throw new Error(`envelope fields are ${keys}`);
  return error;
}
