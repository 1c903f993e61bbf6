import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { startMock } from '../support/mock.js';
import { startDriftingUpstream } from './drifting-upstream.js';

const TOKEN = 'tok_secret_live_0123456789abcdef';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'api-version-date': '2026-07-20' };
let upstream: Awaited<ReturnType<typeof startDriftingUpstream>>;
let proxy: MockServer;
const reportFile = join(mkdtempSync(join(tmpdir(), 'whop-mock-drift-')), 'drift.json');

beforeAll(async () => {
  upstream = await startDriftingUpstream();
  proxy = await startMock({ mode: 'proxy', upstream: upstream.url, upstreamTimeoutMs: 500, driftReport: reportFile });
});
afterAll(async () => {
  upstream.server.closeAllConnections();
  upstream.server.close();
});

const get = (path: string, headers: Record<string, string> = HEADERS) => fetch(`${proxy.url}/api/v1${path}`, { headers });

describe('each drift is flagged with the right pointer, and the answer passes through unchanged', () => {
  it.each([
    ['user_missing', 200, '/ required: required property "bio" is missing'],
    ['user_wrongtype', 200, '/name type:'],
    ['user_extra', 200, '/ additionalProperties: property "nickname" is not allowed'],
    ['user_teapot', 418, '/ status 418 is not declared for this operation'],
    ['user_html', 500, '/ the body is not JSON (content-type text/html)'],
  ])('%s', async (id, status, violation) => {
    const reply = await get(`/users/${id}`);
    expect(reply.status).toBe(status);
    expect(reply.headers.get('x-mock-contract-violation')).toContain(violation);
    // The upstream's own headers come through; its CORS headers do not (the mock's policy answers).
    expect(reply.headers.get('x-upstream')).toBe('drifting');
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    expect(reply.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('a valid answer has no violation header', async () => {
    const reply = await get('/users/user_fine');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-mock-contract-violation')).toBeNull();
  });

  it('forwards the credentials and the version, drops hop-by-hop and X-Mock headers, rewrites Host', async () => {
    await get('/users/user_fine', { ...HEADERS, 'x-mock-session': 'forwarding', connection: 'keep-alive' });
    const seen = upstream.requests.at(-1);
    expect(seen?.url).toBe('/api/v1/users/user_fine');
    expect(seen?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'api-version-date': '2026-07-20', host: new URL(upstream.url).host });
    expect(seen?.headers).not.toHaveProperty('x-mock-session');
  });
});

describe('an upstream that does not answer is a mock-level error, never a crash', () => {
  it('too slow: 504 after --upstream-timeout-ms', async () => {
    const reply = await get('/users/user_slow');
    expect(reply.status).toBe(504);
    expect(await reply.json()).toMatchObject({ error: { type: 'mock_upstream_error', code: 'upstream_timeout' } });
  });

  it('a dropped connection: 502', async () => {
    const reply = await get('/users/user_drop');
    expect(reply.status).toBe(502);
    expect(await reply.json()).toMatchObject({ error: { code: 'upstream_connection_lost' } });
  });

  it('down: 502', async () => {
    const down = await startMock({ mode: 'proxy', upstream: 'http://127.0.0.1:1/api/v1' });
    try {
      const reply = await fetch(`${down.url}/users/user_x`, { headers: HEADERS });
      expect(reply.status).toBe(502);
      expect(await reply.json()).toMatchObject({ error: { code: 'upstream_unreachable' } });
      expect((await fetch(`${down.url}/__mock/health`)).status).toBe(200);
    } finally {
      await down.close();
    }
  });
});

describe('the drift report', () => {
  it('counts per version and operation, groups violations by pointer and rule, lists unknown fields', async () => {
    await get('/members?company_id=biz_drift');
    await get('/members?company_id=biz_drift');
    await get('/users/user_fine', { 'api-version-date': '2026-07-20' });
    const report = (await (await fetch(`${proxy.url}/__mock/drift`)).json()) as any;
    expect(report).toEqual(proxy.drift() === null ? null : expect.objectContaining({ upstream: upstream.url }));
    const retrieve = report.versions['2026-06-09'].retrieveUser;
    expect(retrieve.statuses).toEqual({ '200': 6, '418': 1, '500': 1 });
    expect(retrieve.failures).toEqual({ timeout: 1, connection_lost: 1 });
    expect(retrieve.matches).toBe(false);
    expect(retrieve.security_missing).toBe(1);
    const pointers = retrieve.violations.map((v: { pointer: string; rule: string; count: number }) => `${v.count} ${v.pointer} ${v.rule.split(' (')[0]}`);
    expect(pointers).toEqual(
      expect.arrayContaining(['1  required: required property "bio" is missing', '1 /name type: must be string,null', '1  additionalProperties: property "nickname" is not allowed', '1  status 418 is not declared for this operation']),
    );
    expect(retrieve.unknown_fields).toEqual([{ path: '/nickname', count: 1 }]);
    const list = report.versions['2026-06-09'].listMembers;
    expect(list.requests).toBe(2);
    // Unknown fields count the answers that had them; violations count every occurrence.
    expect(list.unknown_fields).toEqual([{ path: '/data/*/nickname', count: 2 }]);
    // The example of an extra field is that field's value, not the whole object around it.
    expect(list.violations[0]).toMatchObject({ pointer: '/data/*', count: 4, example: { pointer: '/data/0/nickname', value: 'dee', status: 200 } });
    expect(retrieve.violations.find((v: { rule: string }) => v.rule.includes('"nickname"')).example).toMatchObject({ pointer: '/nickname', value: 'dee' });
  });

  it('holds no secret: not the token, the email or the phone the upstream sent', async () => {
    const report = JSON.stringify(proxy.drift());
    const journal = await (await fetch(`${proxy.url}/__mock/requests`)).text();
    for (const text of [report, journal]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('dee.rift@private.example');
      expect(text).not.toContain('+4915112345678');
    }
    expect(journal).toContain('[redacted email]');
  });

  it('is written to --drift-report on close, and a mock has none', async () => {
    await proxy.close();
    const written = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(written.summary.requests).toBe(proxy.drift()?.summary.requests);
    expect(written.summary.operations_with_drift).toBe(2);
    const mock = await startMock();
    try {
      expect((await fetch(`${mock.url}/__mock/drift`)).status).toBe(404);
    } finally {
      await mock.close();
    }
  });
});
