import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, envelopeOf, type Reply, startMock } from '../support/mock.js';
import { sessionPerTest } from '../support/session-per-test.js';
import { newCompany, newMember, newUser } from './records.js';

const mock = sessionPerTest('seeding', () => startMock());
const { headers } = mock;
const { control } = mock;
const { api } = mock;
const state = async () => (await control('GET', '/state')).body;

function expectBadInput(reply: Reply, code: string, param: string): void {
  expect(reply.status).toBe(400);
  expect(envelopeOf(reply)).toMatchObject({ type: 'invalid_request_error', code, param });
}

describe('POST /__mock/users', () => {
  it('creates a user the API then serves, in that session only', async () => {
    const reply = await control('POST', '/users', newUser());
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(newUser());
    const read = await api('/users/seeded-sam', 'tok_user_alex_readonly');
    expect(read.body).toMatchObject({ id: 'user_seeded01', username: 'seeded-sam', name: 'Seeded Sam' });
    const elsewhere = await call(mock.server(), { path: '/users/user_seeded01', token: 'tok_user_alex_readonly' });
    expect(elsewhere.status).toBe(404);
  });

  it('replaces a fixture user', async () => {
    const alex = (await state()).users.find((u: { id: string }) => u.id === 'user_alex123');
    const reply = await control('POST', '/users', { ...alex, name: 'Replaced Alex' });
    expect(reply.status).toBe(200);
    expect((await api('/users/user_alex123', 'tok_user_alex_readonly')).body.name).toBe('Replaced Alex');
    expect((await state()).users.filter((u: { id: string }) => u.id === 'user_alex123')).toHaveLength(1);
  });

  it.each([
    ['a field of the wrong type', newUser({ username: 42 as never }), 'username'],
    ['a bad nested enum', newUser({ verification: { individual: { status: 'maybe' as never }, business: null } }), 'verification.individual.status'],
    ['an unknown field', { ...newUser(), nickname: 'x' }, 'nickname'],
    ['a dangling file reference', newUser({ profile_picture_file_id: 'file_nope' }), 'profile_picture_file_id'],
    ['an override for an unknown company', newUser({ overrides: { biz_nowhere: { name: 'x' } } }), 'overrides.biz_nowhere'],
    ['a username another user holds (case-insensitively)', newUser({ username: 'ALEX' }), 'username'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_what, record, param) => {
    const before = await state();
    expectBadInput(await control('POST', '/users', record), 'mock_record_invalid', param);
    expect(await state()).toEqual(before);
  });

  it('refuses a body that is not JSON', async () => {
    const reply = await call(mock.server(), { method: 'POST', path: '/__mock/users', rawBody: '{nope', headers: { ...headers(), 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply).code).toBe('invalid_json');
  });
});

describe('POST /__mock/members', () => {
  it('creates a member the API then serves', async () => {
    const reply = await control('POST', '/members', newMember());
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe('mber_seeded01');
    const read = await api('/members/mber_seeded01', 'tok_key_pixelforge_full');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: 'mber_seeded01', access_level: 'customer', usd_total_spent: 49 });
  });

  it('replaces a member (its own company and user are not a duplicate of itself)', async () => {
    const maya = (await state()).members.find((m: { id: string }) => m.id === 'mber_pf02maya');
    const reply = await control('POST', '/members', { ...maya, usd_total_spent: 1234.5 });
    expect(reply.status).toBe(200);
    expect((await api('/members/mber_pf02maya', 'tok_key_pixelforge_full')).body.usd_total_spent).toBe(1234.5);
  });

  it.each([
    ['a plan of another company', newMember({ plan_ids: ['plan_smfree'] }), 'plan_ids.0'],
    ['a product of another company', newMember({ product_ids: ['prod_nwsignals'] }), 'product_ids.0'],
    ['an unknown user', newMember({ user_id: 'user_nobody' }), 'user_id'],
    ['a second membership of the same user in the company', newMember({ user_id: 'user_alex123' }), 'user_id'],
    ['a bad status', newMember({ status: 'gone' as never }), 'status'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_what, record, param) => {
    const before = await state();
    expectBadInput(await control('POST', '/members', record), 'mock_record_invalid', param);
    expect(await state()).toEqual(before);
  });
});

describe('POST /__mock/companies', () => {
  it('creates a company a new member can then belong to', async () => {
    expect((await control('POST', '/companies', newCompany())).status).toBe(200);
    const member = newMember({ company_id: 'biz_seeded01', product_ids: [], plan_ids: [] });
    expect((await control('POST', '/members', member)).status).toBe(200);
    expect((await state()).companies.map((c: { id: string }) => c.id)).toContain('biz_seeded01');
  });

  it.each([
    ['a route that is not a slug', newCompany({ route: 'Not A Slug' }), 'route'],
    ['a route another company holds', newCompany({ route: 'pixelforge-academy' }), 'route'],
    ['a bad id', newCompany({ id: 'company_1' }), 'id'],
  ])('refuses %s with a 400 naming the field', async (_what, record, param) => {
    const before = await state();
    expectBadInput(await control('POST', '/companies', record), 'mock_record_invalid', param);
    expect(await state()).toEqual(before);
  });
});

describe('POST /__mock/tokens', () => {
  it('registers a generated token that then authenticates in that session only', async () => {
    const reply = await control('POST', '/tokens', { kind: 'user_oauth_token', user_id: 'user_jonasW8', scopes: ['user:profile:read'] });
    expect(reply.status).toBe(201);
    expect(reply.body.token).toMatch(/^tok_mock_[0-9a-f]{24}$/);
    const me = await api('/users/me', reply.body.token);
    expect(me.body).toMatchObject({ id: 'user_jonasW8' });
    expect((await call(mock.server(), { path: '/users/me', token: reply.body.token })).status).toBe(401);
  });

  it('keeps a given token and its scopes (an API key without member scopes is 403 on members)', async () => {
    const reply = await control('POST', '/tokens', { token: 'tok_my_key', kind: 'account_api_key', account_id: 'biz_northwind', scopes: ['user:profile:read'] });
    expect(reply.body).toEqual({ token: 'tok_my_key' });
    expect((await api('/users/user_alex123', 'tok_my_key')).status).toBe(200);
    const members = await api('/members?company_id=biz_northwind', 'tok_my_key');
    expect(members.status).toBe(403);
    expect(envelopeOf(members).param).toBe('member:basic:read');
  });

  it.each([
    ['a user token without user_id', { kind: 'user_oauth_token', scopes: [] }, 'user_id'],
    ['an unknown user', { kind: 'user_oauth_token', user_id: 'user_nobody', scopes: [] }, 'user_id'],
    ['an API key with a user_id', { kind: 'account_api_key', account_id: 'biz_northwind', user_id: 'user_alex123', scopes: [] }, 'user_id'],
    ['a malformed scope', { kind: 'app_api_key', scopes: ['Not A Scope'] }, 'scopes.0'],
    ['a scope no operation uses (a typo)', { kind: 'user_oauth_token', user_id: 'user_alex123', scopes: ['user:profile:read', 'user:profle:update'] }, 'scopes.1'],
    ['an unknown kind', { kind: 'jwt', scopes: [] }, 'kind'],
    ['a kind spelt another way', { kind: 'user', user_id: 'user_alex123', scopes: [] }, 'kind'],
    ['a body that is not an object', ['user'], 'body'],
  ])('refuses %s with a 400 naming the field', async (_what, body, param) => {
    const before = (await state()).tokens.length;
    expectBadInput(await control('POST', '/tokens', body), 'mock_record_invalid', param);
    expect((await state()).tokens).toHaveLength(before);
  });
});

describe('GET /__mock/state', () => {
  it('dumps the session world, shaped like the fixtures, with the session writes', async () => {
    await call(mock.server(), { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: { name: 'From State' }, headers: headers() });
    const dump = await state();
    expect(Object.keys(dump).sort()).toEqual(['companies', 'experiences', 'files', 'members', 'plans', 'products', 'promo_codes', 'tokens', 'users']);
    expect(dump.users.find((u: { id: string }) => u.id === 'user_alex123').name).toBe('From State');
    expect(dump.tokens.map((t: { token: string }) => t.token)).toContain('tok_user_alex_full');
  });

  it('names the token kinds in a refusal as the README and fixtures do', async () => {
    const reply = await control('POST', '/tokens', { kind: 'api_key', account_id: 'biz_northwind', scopes: [] });
    expect(envelopeOf(reply).message).toBe('Invalid token record: /kind must be one of user_oauth_token, account_api_key, app_api_key. Nothing was stored.');
  });

  it('an export saved file by file is a fixtures folder: a server started from it serves the same world', async () => {
    await call(mock.server(), { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: { name: 'Exported' }, headers: headers() });
    const token = (await control('POST', '/tokens', { kind: 'account_api_key', account_id: 'biz_summit', scopes: ['member:basic:read'] })).body.token;
    const dump = await state();
    const folder = mkdtempSync(join(tmpdir(), 'whop-mock-export-'));
    for (const [name, records] of Object.entries(dump)) writeFileSync(join(folder, `${name}.json`), JSON.stringify(records, null, 2));
    expect(readdirSync(folder).sort()).toEqual(readdirSync('fixtures').filter((f) => f.endsWith('.json')).sort());

    const restored = await startMock({ fixtures: folder });
    try {
      expect((await call(restored, { path: '/__mock/state' })).body).toEqual(dump);
      const me = await call(restored, { path: '/users/me', token: 'tok_user_alex_full' });
      expect(me.body.name).toBe('Exported');
      const members = await call(restored, { path: '/members', token, version: '2026-06-09' });
      expect(members.status).toBe(200);
      expect(members.body.data.length).toBeGreaterThan(0);
    } finally {
      await restored.close();
    }
  });
});

