import Whop from '@whop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, sdkFor, startMock } from '../support/mock.js';
import { expectSorted } from './expect-sorted.js';
import { idsOf, PIXELFORGE } from './member-fixtures.js';

const GENERATED = 20;
let server: MockServer;
beforeAll(async () => {
  server = await startMock({ generateUsers: GENERATED });
});
afterAll(() => server.close());

const client = (apiKey: string) => sdkFor(server, { apiKey });

describe('members through the official @whop/sdk', () => {
  it('auto-paginates members.list with for await, every member once and in order', async () => {
    const seen: Whop.MemberListResponse[] = [];
    for await (const member of client('tok_key_pixelforge_full').members.list({ first: 6, order: 'usd_total_spent', direction: 'desc' })) {
      seen.push(member);
    }
    expect(seen).toHaveLength(PIXELFORGE.length + GENERATED);
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    expect(expectSorted(seen, 'usd_total_spent', 'desc')).toBeGreaterThanOrEqual(2);
    const oneRequest = await call(server, { path: '/members?first=50&order=usd_total_spent&direction=desc', token: 'tok_key_pixelforge_full' });
    expect(seen.map((m) => m.id)).toEqual(idsOf(oneRequest.body));
  });

  it('sends array filters the way the API reads them', async () => {
    const ids: string[] = [];
    const list = client('tok_key_pixelforge_full').members.list({ statuses: ['left', 'drafted'], product_ids: ['prod_pfbasics', 'prod_pfpro'] });
    for await (const member of list) ids.push(member.id);
    expect(ids).toEqual(['mber_pf04priya']);
  });

  it('members.retrieve returns the member, masked by the key\'s scopes', async () => {
    const full = await client('tok_key_northwind_full').members.retrieve('mber_nw02alex');
    expect(full.user).toEqual({ id: 'user_alex123', email: 'alex.rivera@example.com', name: 'Alex Rivera', username: 'alex' });
    expect(full.phone).toBe('+12125550199');
    const emailOnly = await client('tok_key_northwind_email').members.retrieve('mber_nw02alex');
    expect(emailOnly.user?.email).toBe('alex.rivera@example.com');
    expect(emailOnly.phone).toBeNull();
  });

  it('another company\'s member is a Whop.NotFoundError', async () => {
    const error = await client('tok_key_pixelforge_full').members.retrieve('mber_nw02alex').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Whop.NotFoundError);
    expect((error as InstanceType<typeof Whop.NotFoundError>).status).toBe(404);
  });

  it('listing another company is a Whop.PermissionDeniedError', async () => {
    const error = await client('tok_key_pixelforge_full').members.list({ company_id: 'biz_northwind' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Whop.PermissionDeniedError);
  });

  it('users.checkAccess answers from memberships', async () => {
    const whop = client('tok_key_pixelforge_full');
    expect(await whop.users.checkAccess('exp_pfstudio', { id: 'user_maya7Kd2' })).toEqual({ has_access: true, access_level: 'customer' });
    expect(await whop.users.checkAccess('biz_pixelforge', { id: 'alex' })).toEqual({ has_access: true, access_level: 'admin' });
    expect(await whop.users.checkAccess('prod_pfbasics', { id: 'user_priyaN5' })).toEqual({ has_access: false, access_level: 'no_access' });
  });

  it('users.checkAccess errors are typed: another account 403, unknown resource 404', async () => {
    const whop = client('tok_key_pixelforge_full');
    const denied = await whop.users.checkAccess('prod_nwsignals', { id: 'user_alex123' }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(Whop.PermissionDeniedError);
    const missing = await whop.users.checkAccess('prod_nope', { id: 'user_alex123' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Whop.NotFoundError);
  });
});
