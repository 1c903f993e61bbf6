import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServer, type MockServer, type MockServerOptions } from '../../src/index.js';

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

/** One request the way a user's client sends it: fetch against the listening server. */
export async function call(server: MockServer, request: Call): Promise<Reply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.version) headers['api-version-date'] = request.version;
  let body: string | undefined = request.rawBody;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${server.url}${request.path}`, { method: request.method ?? 'GET', headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export function startMock(options: MockServerOptions = {}): Promise<MockServer> {
  return createMockServer({ port: 0, ...options });
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
