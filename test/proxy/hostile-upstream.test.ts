import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { eventually } from '../support/raw-http.js';
import { startMock } from '../support/mock.js';
import { VALID_USER } from './drifting-upstream.js';
import { deepJson, startHostileUpstream, type HostileUpstream } from '../../scripts/support/hostile-upstream.mjs';

// Proxy mode in front of an upstream that misbehaves on purpose (test/proxy/hostile-upstream.ts):
// every answer it can send ends as the upstream's bytes or a 502/504 envelope, journaled, and the
// proxy goes on answering.
const HEADERS = { authorization: 'Bearer tok_hostile_0123456789', 'api-version-date': '2026-07-20' };
const PRINTABLE = /^[\x20-\x7e]*$/;
const LIMIT = 1024 * 1024;

let upstream: HostileUpstream;
let proxy: MockServer;
beforeAll(async () => {
  upstream = await startHostileUpstream({ user: VALID_USER, keepRequests: true });
  proxy = await startMock({ mode: 'proxy', upstream: upstream.url, upstreamBodyLimit: LIMIT, upstreamTimeoutMs: 5000 });
});
afterAll(async () => {
  await proxy.close();
  upstream.close();
});

const get = (path: string, server: MockServer = proxy, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, { headers: HEADERS, ...init });

async function journaled(path: string): Promise<any> {
  const page = (await (await fetch(`${proxy.url}/__mock/requests?path=${encodeURIComponent(path)}`)).json()) as { data: any[] };
  return page.data[0];
}

async function stillAnswers(server: MockServer = proxy): Promise<void> {
  const reply = await get('/users/user_fine', server);
  expect(reply.status).toBe(200);
  expect(await reply.json()).toEqual(VALID_USER);
}

describe('header values made from data are printable ASCII', () => {
  it.each([
    ['user_snowman', '%E2%98%83'],
    ['user_crlf', 'x%0D%0Ay'],
  ])('%s: an undeclared property outside Latin-1 or with CR/LF is named in the violation header, percent-encoded', async (id, encoded) => {
    const reply = await get(`/users/${id}`);
    expect(reply.status).toBe(200);
    const header = reply.headers.get('x-mock-contract-violation') ?? '';
    expect(header).toMatch(PRINTABLE);
    expect(header).toContain(`property "${encoded}" is not allowed`);
    expect(Object.keys((await reply.json()) as object)).toHaveLength(Object.keys(VALID_USER).length + 1);
    await stillAnswers();
  });

  it("an upstream's header with bytes outside ASCII is passed on percent-encoded", async () => {
    const reply = await get('/users/user_oddheader');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-odd')).toBe('%E2%98%83 %C3%A9');
    await stillAnswers();
  });
});

describe('compressed answers are inflated asynchronously, up to --upstream-body-limit-bytes', () => {
  it.each(['user_gzipbomb', 'user_deflatebomb', 'user_brbomb'])('%s: a body that inflates past the limit is a 502 upstream_too_large, journaled', async (id) => {
    const reply = await get(`/users/${id}`);
    expect(reply.status).toBe(502);
    expect(await reply.json()).toEqual({ error: { type: 'mock_upstream_error', code: 'upstream_too_large', param: null, message: expect.stringContaining(`${LIMIT} byte limit`) } });
    expect(await journaled(`/users/${id}`)).toMatchObject({ status: 502, upstream: { status: null, failure: 'too_large' } });
    await stillAnswers();
  });

  it('a gzipped answer within the limit is validated and passed on as it came', async () => {
    const reply = await get('/users/user_gzip');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-mock-contract-violation')).toBeNull();
    expect(await reply.json()).toEqual(VALID_USER);
  });
});

describe('JSON nested deeper than --max-json-depth', () => {
  it('is passed on unread, with a violation header, and journaled', async () => {
    const reply = await get('/users/user_deep');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-mock-contract-violation')).toContain('more than 64 levels deep (--max-json-depth)');
    expect(await reply.text()).toBe(deepJson(6000));
    expect(await journaled('/users/user_deep')).toMatchObject({ status: 200, validation: { valid: false }, upstream: { status: 200, failure: null } });
    await stillAnswers();
  });

  it('with --reject-invalid is a 502 upstream_invalid_response', async ({ onTestFinished }) => {
    const strict = await startMock({ mode: 'proxy', upstream: upstream.url, rejectInvalid: true });
    onTestFinished(async () => void (await strict.close()));
    const reply = await get('/users/user_deep', strict);
    expect(reply.status).toBe(502);
    expect(((await reply.json()) as { error: unknown }).error).toMatchObject({ type: 'mock_upstream_error', code: 'upstream_invalid_response', message: expect.stringContaining('--max-json-depth') });
    await stillAnswers(strict);
  });
});

describe('statuses a client cannot be given', () => {
  it.each(['user_600', 'user_999', 'user_101'])('%s: 502 upstream_invalid_response, journaled', async (id) => {
    const reply = await get(`/users/${id}`);
    expect(reply.status).toBe(502);
    expect(((await reply.json()) as { error: unknown }).error).toMatchObject({ type: 'mock_upstream_error', code: 'upstream_invalid_response' });
    expect(await journaled(`/users/${id}`)).toMatchObject({ status: 502, upstream: { failure: 'invalid_response' } });
    await stillAnswers();
  });

  it('a 103 Early Hints before the answer is skipped: the final 200 is passed on', async () => {
    const reply = await get('/users/user_hints');
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual(VALID_USER);
  });
});

describe('a client that goes away', () => {
  it('aborts its upstream request: 80 aborted requests to an upstream that never answers leave the connections free', { timeout: 60_000 }, async ({ onTestFinished }) => {
    // A long upstream timeout: only the aborts can free the connections within the test's bounds.
    const patient = await startMock({ mode: 'proxy', upstream: upstream.url, upstreamTimeoutMs: 50_000 });
    onTestFinished(async () => void (await patient.close()));
    const sent = upstream.requests.length;
    const clients = Array.from({ length: 80 }, () => new AbortController());
    const pending = clients.map((client) => get('/users/user_hang', patient, { signal: client.signal }).catch(() => 'aborted'));
    // The proxy keeps at most 64 connections to its upstream: 64 requests arrive, 16 wait for one.
    expect(await eventually(() => upstream.requests.length - sent >= 64)).toBe(true);
    for (const client of clients) client.abort();
    expect(await Promise.all(pending)).toEqual(clients.map(() => 'aborted'));
    expect(await eventually(() => upstream.hanging() === 0, 10_000)).toBe(true);
    const next = await Promise.race([get('/users/user_fine', patient), new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 10_000))]);
    expect(next === 'waiting' ? next : next.status).toBe(200);
    // Of the 16 that waited for a connection, those whose client was gone by then never reached the upstream.
    expect(upstream.requests.slice(sent).filter((url) => url.includes('user_hang')).length).toBeLessThan(80);
  });
});
