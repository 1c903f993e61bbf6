import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Whop from '@whop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { startMock } from '../support/mock.js';

// The "real" upstream is a second whop-mock in mock mode: it answers in the specs' shapes.
let upstream: MockServer;
let proxy: MockServer;
const recordDir = mkdtempSync(join(tmpdir(), 'whop-mock-record-'));
const LATEST = { 'api-version-date': '2026-07-20' };
const user = { authorization: 'Bearer tok_user_alex_full', ...LATEST };
const key = { authorization: 'Bearer tok_key_pixelforge_full', ...LATEST };

beforeAll(async () => {
  upstream = await startMock();
  proxy = await startMock({ mode: 'proxy', upstream: `${upstream.url}/api/v1`, record: recordDir });
});
afterAll(() => upstream.close());

async function both(path: string, init: RequestInit) {
  const [a, b] = await Promise.all([fetch(`${upstream.url}${path}`, init), fetch(`${proxy.url}${path}`, init)]);
  return { direct: { status: a.status, bytes: Buffer.from(await a.arrayBuffer()), headers: a.headers }, proxied: { status: b.status, bytes: Buffer.from(await b.arrayBuffer()), headers: b.headers } };
}

describe('answers pass through unchanged', () => {
  it.each([
    ['GET', '/api/v1/users/me', user, undefined],
    ['GET', '/api/v1/users/user_maya7Kd2', user, undefined],
    ['GET', '/api/v1/members?company_id=biz_pixelforge&first=3', key, undefined],
    ['GET', '/api/v1/members/mber_nobody', key, undefined],
    ['GET', '/api/v1/users/me', { authorization: 'Bearer tok_nobody' }, undefined],
    // Refused by the spec (first=0): forwarded anyway, and the upstream's own 400 comes back.
    ['GET', '/api/v1/users?first=0', user, undefined],
  ])('%s %s: same status, headers, body bytes', async (method, path, headers, body) => {
    const { direct, proxied } = await both(path, { method, headers, body });
    expect(proxied.status).toBe(direct.status);
    expect(proxied.bytes.equals(direct.bytes)).toBe(true);
    for (const name of ['content-type', 'api-version-date', 'content-length']) expect(proxied.headers.get(name)).toBe(direct.headers.get(name));
    expect(proxied.headers.get('x-mock-contract-violation')).toBeNull();
  });

  it('a PATCH reaches the upstream with its body, and the change is the upstream\'s', async () => {
    const reply = await fetch(`${proxy.url}/api/v1/users/me`, { method: 'PATCH', headers: { ...user, 'content-type': 'application/json' }, body: JSON.stringify({ bio: 'Proxied bio' }) });
    expect(reply.status).toBe(200);
    const direct = (await (await fetch(`${upstream.url}/api/v1/users/me`, { headers: user })).json()) as { bio: string };
    expect(direct.bio).toBe('Proxied bio');
  });

  it('the journal has both validation results and the upstream part; a refusal is forwarded and noted', async () => {
    const entries = ((await (await fetch(`${proxy.url}/__mock/requests?path=/users`)).json()) as { data: any[] }).data;
    const refused = entries.find((e) => e.query_string === 'first=0');
    expect(refused).toMatchObject({ status: 400, request_validation: { valid: false, code: 'parameter_invalid', param: 'first' }, upstream: { status: 400, failure: null }, validation: { valid: true } });
    expect(refused.headers.authorization).toBe('Bearer [unknown token …full]');
  });
});

describe('in front of the upstream: faults, Prefer and --reject-invalid answer locally', () => {
  it('a fault answers before the upstream is asked', async () => {
    const session = { 'x-mock-session': 'outage' };
    await fetch(`${proxy.url}/__mock/faults`, { method: 'POST', headers: { ...session, 'content-type': 'application/json' }, body: JSON.stringify({ operationId: 'retrieveUser', status: 500, times: 1 }) });
    const first = await fetch(`${proxy.url}/api/v1/users/me`, { headers: { ...user, ...session } });
    expect(first.status).toBe(500);
    const entries = ((await (await fetch(`${proxy.url}/__mock/requests`, { headers: session })).json()) as { data: unknown[] }).data;
    expect(entries[0]).toMatchObject({ status: 500, upstream: null, fault_id: expect.stringMatching(/^flt_/) });
    expect((await fetch(`${proxy.url}/api/v1/users/me`, { headers: { ...user, ...session } })).status).toBe(200);
  });

  it('Prefer: code=404 answers the envelope locally', async () => {
    const reply = await fetch(`${proxy.url}/api/v1/users/me`, { headers: { ...user, prefer: 'code=404' } });
    expect(reply.status).toBe(404);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('resource_not_found');
  });

  it('--reject-invalid answers the same 400 the mock gives', async () => {
    const strict = await startMock({ mode: 'proxy', upstream: `${upstream.url}/api/v1`, rejectInvalid: true });
    try {
      const mine = await fetch(`${strict.url}/api/v1/users?first=0`, { headers: user });
      const mock = await fetch(`${upstream.url}/api/v1/users?first=0`, { headers: user });
      expect(mine.status).toBe(400);
      expect(await mine.text()).toBe(await mock.text());
      expect(strict.drift()?.versions['2026-06-09']?.listUsers?.forwarded).toBe(0);
    } finally {
      await strict.close();
    }
  });
});

describe('through @whop/sdk pointed at the proxy', () => {
  it('retrieves and lists as against the upstream', async () => {
    const whop = new Whop({ apiKey: 'tok_key_pixelforge_full', baseURL: `${proxy.url}/api/v1` });
    const member = await whop.members.retrieve('mber_pf02maya');
    expect(member.id).toBe('mber_pf02maya');
    const ids: string[] = [];
    for await (const m of whop.members.list({ company_id: 'biz_pixelforge' })) ids.push(m.id);
    expect(ids).toHaveLength(8);
  });
});

describe('record, then serve the recording', () => {
  const reads: Array<[string, Record<string, string>]> = [
    ['/api/v1/users/me', user],
    ['/api/v1/members?company_id=biz_pixelforge', key],
    ['/api/v1/members/mber_pf02maya', key],
  ];

  it('serves the recorded reads as the upstream answered them (emails and phones as stable fakes, tokens as recorded fakes)', async () => {
    const seen = [];
    for (const [path, headers] of reads) seen.push(await (await fetch(`${proxy.url}${path}`, { headers })).json());
    await proxy.close();
    const tokens = JSON.parse(readFileSync(join(recordDir, 'tokens.json'), 'utf8')) as Array<{ token: string; kind: string; user_id?: string; account_id?: string; scopes: string[] }>;
    const alex = tokens.find((t) => t.kind === 'user_oauth_token' && t.user_id === 'user_alex123');
    const pixel = tokens.find((t) => t.kind === 'account_api_key' && t.account_id === 'biz_pixelforge');
    expect(alex?.scopes).toEqual(expect.arrayContaining(['user:profile:read', 'user:balance:read']));
    expect(pixel?.scopes).toEqual(expect.arrayContaining(['member:basic:read', 'member:email:read', 'member:phone:read']));
    const served = await startMock({ fixtures: recordDir });
    try {
      for (const [index, [path, headers]] of reads.entries()) {
        const token = headers === user ? alex?.token : pixel?.token;
        const reply = await (await fetch(`${served.url}${path}`, { headers: { ...headers, authorization: `Bearer ${token}` } })).json();
        expect(normalize(reply), path).toEqual(normalize(seen[index]));
      }
    } finally {
      await served.close();
    }
  });

  it('nothing secret lands in the recorded files', () => {
    const text = readdirSync(recordDir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(recordDir, f), 'utf8')).join('\n');
    const fixtures = ['users', 'members'].map((kind) => readFileSync(join(process.cwd(), 'fixtures', `${kind}.json`), 'utf8')).join('\n');
    const emails = [...new Set(fixtures.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [])];
    const phones = [...new Set(fixtures.match(/\+\d{8,}/g) ?? [])];
    expect(emails.length).toBeGreaterThan(0);
    for (const secret of [...emails, ...phones, 'tok_user_alex_full', 'tok_key_pixelforge_full']) expect(text).not.toContain(secret);
    expect(text).toMatch(/user-[0-9a-f]{12}@example\.com/);
  });
});

/** Cursors are signed per server, emails and phones are fakes: compare the rest exactly. */
function normalize(body: any): unknown {
  return JSON.parse(JSON.stringify(body), (key, value) =>
    key === 'start_cursor' || key === 'end_cursor' ? (value === null ? null : 'cursor') : (key === 'email' || key === 'phone') && value !== null ? 'fake' : value,
  );
}
