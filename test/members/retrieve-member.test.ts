import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, LATEST, ORIGINAL, SDK_DATE, startMock } from '../support/mock.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

const MAYA = {
  id: 'mber_pf02maya',
  created_at: '2024-02-10T11:30:00Z',
  updated_at: '2026-05-01T09:00:00Z',
  joined_at: '2024-02-10T11:31:00Z',
  access_level: 'customer',
  status: 'joined',
  most_recent_action: 'paid_subscriber',
  most_recent_action_at: '2026-05-01T09:00:00Z',
  user: { id: 'user_maya7Kd2', email: 'maya.chen@example.org', name: 'Maya Chen', username: 'maya-chen' },
  phone: '+14155550123',
  usd_total_spent: 597,
  company: { id: 'biz_pixelforge', title: 'PixelForge Academy', route: 'pixelforge-academy' },
};

describe('GET /members/{id}', () => {
  it.each([null, ORIGINAL, LATEST, SDK_DATE])('serves seed 003\'s Member, the same in every version (header %s)', async (version) => {
    const reply = await call(server, { path: '/members/mber_pf02maya', token: 'tok_key_pixelforge_full', version });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(MAYA);
  });

  it('answers under /api/v1 as well, where the SDK sends it', async () => {
    const reply = await call(server, { path: '/api/v1/members/mber_pf02maya', token: 'tok_key_pixelforge_full' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(MAYA);
  });

  it('serves a lead who is not a Whop user with user null and its own phone', async () => {
    const reply = await call(server, { path: '/members/mber_pf06lead', token: 'tok_key_pixelforge_full' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'mber_pf06lead', user: null, phone: '+447700900123', status: 'drafted', access_level: 'no_access' });
  });

  it.each([
    ['mber_pf01alex', 'tok_key_pixelforge_full', 'Coach Alex', 'alex'],
    ['mber_nw02alex', 'tok_key_northwind_full', 'Alex Rivera', 'alex'],
    ['mber_nw03sam', 'tok_key_northwind_full', 'Sam L. (VIP)', 'sam-lindqvist'],
    ['mber_sm03hana', 'tok_key_summit_members', 'Hana Sato', 'hana-sato'],
  ])('%s shows the user as the member\'s company sees them (override applied)', async (id, token, name, username) => {
    const reply = await call(server, { path: `/members/${id}`, token });
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ name, username });
  });

  it('keeps null fields null: no most recent action for an owner', async () => {
    const reply = await call(server, { path: '/members/mber_nw01noah', token: 'tok_key_northwind_full' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ access_level: 'admin', most_recent_action: null, most_recent_action_at: null, phone: '+4915112345678' });
  });

  it.each([
    ['an unknown member', '/members/mber_nope', 'tok_key_pixelforge_full', 404, 'resource_not_found'],
    ['a token without member:basic:read', '/members/mber_pf02maya', 'tok_user_alex_full', 403, 'missing_scope'],
    ['no token', '/members/mber_pf02maya', null, 401, 'unauthorized'],
  ])('refuses %s', async (_name, path, token, status, code) => {
    const reply = await call(server, { path, token });
    expect(reply.status).toBe(status);
    expect(envelopeOf(reply).code).toBe(code);
  });
});
