import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, LATEST, startMock } from '../support/mock.js';
import { idsOf, memberFixtures, PIXELFORGE } from './member-fixtures.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

const othersOf = (company: string) => memberFixtures.filter((m) => m.company_id !== company).map((m) => m.id);

describe('field masking by scope (x-field-scopes)', () => {
  it.each([
    ['tok_key_northwind_full', 'mber_nw02alex', 'alex.rivera@example.com', '+12125550199'],
    ['tok_key_northwind_email', 'mber_nw02alex', 'alex.rivera@example.com', null],
    ['tok_app_pixelforge', 'mber_pf02maya', 'maya.chen@example.org', null],
    ['tok_key_summit_members', 'mber_sm02maya', null, null],
    ['tok_user_alex_members', 'mber_nw02alex', 'alex.rivera@example.com', '+12125550199'],
  ])('%s reads %s with email %s and phone %s', async (token, id, email, phone) => {
    const reply = await call(server, { path: `/members/${id}`, token });
    expect(reply.status).toBe(200);
    expect(reply.body.user.email).toBe(email);
    expect(reply.body.phone).toBe(phone);
  });

  it('masks every item of a list: email scope without phone scope', async () => {
    const reply = await call(server, { path: '/members?first=50', token: 'tok_key_northwind_email', version: LATEST });
    expect(reply.status).toBe(200);
    expect(reply.body.data).toHaveLength(7);
    expect(reply.body.data.map((m: { phone: unknown }) => m.phone)).toEqual(Array(7).fill(null));
    expect(reply.body.data.find((m: { id: string }) => m.id === 'mber_nw03sam').user.email).toBe('sam@lindqvist.example');
  });

  it('masks both for a basic-only token, although the records hold them', async () => {
    const reply = await call(server, { path: '/members?first=50', token: 'tok_key_summit_members' });
    expect(reply.status).toBe(200);
    expect(memberFixtures.filter((m) => m.company_id === 'biz_summit' && m.phone !== null)).toHaveLength(4);
    for (const member of reply.body.data) {
      expect(member.phone).toBeNull();
      if (member.user !== null) expect(member.user.email).toBeNull();
    }
  });

  it('does not match query on email without member:email:read', async () => {
    const withEmail = await call(server, { path: '/members?query=summitfitness', token: 'tok_key_northwind_email' });
    const without = await call(server, { path: '/members?query=summitfitness', token: 'tok_key_summit_members' });
    expect(idsOf(withEmail.body)).toEqual(['mber_nw06zoe']);
    expect(idsOf(without.body)).toEqual([]);
  });
});

describe('cross-company isolation', () => {
  it.each(othersOf('biz_pixelforge'))('PixelForge\'s key gets 404 for %s', async (id) => {
    const reply = await call(server, { path: `/members/${id}`, token: 'tok_key_pixelforge_full' });
    expect(reply.status).toBe(404);
    expect(envelopeOf(reply)).toMatchObject({ code: 'resource_not_found', param: 'id' });
  });

  it('lists only its own account without company_id, and the same with it', async () => {
    for (const query of ['first=50', 'first=50&company_id=biz_pixelforge']) {
      const reply = await call(server, { path: `/members?${query}`, token: 'tok_key_pixelforge_full' });
      expect(reply.status).toBe(200);
      expect(idsOf(reply.body)).toEqual(PIXELFORGE);
      expect(new Set(reply.body.data.map((m: { company: { id: string } }) => m.company.id))).toEqual(new Set(['biz_pixelforge']));
    }
  });

  it.each([
    ['tok_key_pixelforge_full', 'company_id=biz_northwind', 403, 'forbidden'],
    ['tok_key_pixelforge_full', 'company_id=biz_nope', 404, 'resource_not_found'],
    ['tok_app_uninstalled', 'company_id=biz_pixelforge', 403, 'forbidden'],
    ['tok_app_uninstalled', '', 400, 'parameter_missing'],
    ['tok_user_alex_members', '', 400, 'parameter_missing'],
  ])('%s listing with "%s" is %i', async (token, query, status, code) => {
    const reply = await call(server, { path: `/members?${query}`, token });
    expect(reply.status).toBe(status);
    expect(envelopeOf(reply)).toMatchObject({ code, param: 'company_id' });
  });

  it('an installed app key sees its account; an uninstalled one sees no member', async () => {
    const app = await call(server, { path: '/members?first=50', token: 'tok_app_pixelforge' });
    expect(idsOf(app.body)).toEqual(PIXELFORGE);
    const nowhere = await call(server, { path: '/members/mber_pf02maya', token: 'tok_app_uninstalled' });
    expect(nowhere.status).toBe(404);
  });
});

describe('a user token sees only its own memberships', () => {
  it.each([
    ['mber_pf01alex', 200],
    ['mber_nw02alex', 200],
    ['mber_pf02maya', 404],
    ['mber_sm01zoe', 404],
  ])('retrieving %s is %i', async (id, status) => {
    const reply = await call(server, { path: `/members/${id}`, token: 'tok_user_alex_members' });
    expect(reply.status).toBe(status);
    if (status === 200) expect(reply.body.user.id).toBe('user_alex123');
  });

  it.each([
    ['biz_northwind', ['mber_nw02alex']],
    ['biz_pixelforge', ['mber_pf01alex']],
    ['biz_summit', []],
  ])('listing %s returns %j', async (company, ids) => {
    const reply = await call(server, { path: `/members?company_id=${company}`, token: 'tok_user_alex_members' });
    expect(reply.status).toBe(200);
    expect(idsOf(reply.body)).toEqual(ids);
  });
});
