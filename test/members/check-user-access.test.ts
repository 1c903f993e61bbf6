import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, LATEST, ORIGINAL, startMock } from '../support/mock.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

const check = (token: string, user: string, resource: string, version: string | null = null) =>
  call(server, { path: `/users/${user}/access/${resource}`, token, version });

const PF = 'tok_key_pixelforge_full';
const NW = 'tok_key_northwind_full';

// [caller, user, resource, access_level]
const matrix: Array<[string, string, string, 'admin' | 'customer' | 'no_access']> = [
  // An admin member is admin of the company, its products and its experiences.
  [PF, 'user_alex123', 'biz_pixelforge', 'admin'],
  [PF, 'user_alex123', 'prod_pfbasics', 'admin'],
  [PF, 'user_alex123', 'exp_pfstudio', 'admin'],
  [NW, 'zoe-brooks', 'exp_nwcalls', 'admin'],
  [NW, 'user_noahF3r', 'prod_nwmentor', 'admin'],
  // A joined customer has the products in its product_ids and the experiences they unlock.
  [PF, 'user_maya7Kd2', 'prod_pfpro', 'customer'],
  [PF, 'user_maya7Kd2', 'exp_pfstudio', 'customer'],
  [PF, 'user_maya7Kd2', 'exp_pfcourses', 'customer'],
  [PF, 'user_maya7Kd2', 'biz_pixelforge', 'customer'],
  [PF, 'maya-chen', 'prod_pfbasics', 'no_access'],
  [PF, 'user_jonasW8', 'exp_pfcourses', 'customer'],
  [PF, 'user_jonasW8', 'exp_pfstudio', 'no_access'],
  [NW, 'user_alex123', 'exp_nwsignals', 'customer'],
  [NW, 'user_alex123', 'exp_nwcalls', 'no_access'],
  [NW, 'user_samL1nd', 'exp_nwcalls', 'customer'],
  // Status decides, not the most recent action: Lena is joined though paused.
  [NW, 'user_lenaK0w', 'prod_nwsignals', 'customer'],
  // A member who left has nothing, even on the product they had.
  [PF, 'user_priyaN5', 'prod_pfbasics', 'no_access'],
  [PF, 'user_priyaN5', 'biz_pixelforge', 'no_access'],
  [NW, 'user_diegoM9', 'prod_nwsignals', 'no_access'],
  // Nor does a drafted one, on the product they were drafted for.
  ['tok_user_jonas_update', 'me', 'prod_smcommunity', 'no_access'],
  ['tok_user_jonas_update', 'jonas-weber', 'biz_summit', 'no_access'],
  // Admin elsewhere, or no membership at all, gives nothing here.
  [PF, 'user_zoeB0rk', 'biz_pixelforge', 'no_access'],
  [PF, 'user_samL1nd', 'prod_pfpro', 'no_access'],
  // User tokens ask about themselves, anywhere.
  ['tok_user_alex_full', 'me', 'biz_northwind', 'customer'],
  ['tok_user_alex_full', 'alex', 'prod_pfpro', 'admin'],
  ['tok_user_alex_full', 'user_alex123', 'biz_summit', 'no_access'],
  ['tok_user_maya_balance', 'me', 'exp_smforum', 'customer'],
  ['tok_user_maya_balance', 'me', 'prod_smcommunity', 'no_access'],
  ['tok_user_tom_update', 'me', 'exp_pfstudio', 'customer'],
  ['tok_app_pixelforge', 'user_hanaS4t', 'prod_pfbasics', 'customer'],
];

describe('GET /users/{id}/access/{resource_id}', () => {
  it.each(matrix)('%s: %s on %s is %s', async (token, user, resource, level) => {
    const reply = await check(token, user, resource);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ has_access: level !== 'no_access', access_level: level });
  });

  it.each([ORIGINAL, LATEST])('answers the same in %s', async (version) => {
    const reply = await check(PF, 'user_maya7Kd2', 'exp_pfstudio', version);
    expect(reply.headers.get('api-version-date')).toBe(version);
    expect(reply.body).toEqual({ has_access: true, access_level: 'customer' });
  });

  it.each([
    ['an unknown resource', PF, 'user_alex123', 'prod_nope', 404, 'resource_not_found', 'resource_id'],
    ['an unknown experience', PF, 'user_alex123', 'exp_nope', 404, 'resource_not_found', 'resource_id'],
    ['a resource that is no account, product or experience', PF, 'user_alex123', 'plan_pfproyearly', 404, 'resource_not_found', 'resource_id'],
    ['an unknown user', PF, 'user_nope', 'biz_pixelforge', 404, 'resource_not_found', 'id'],
    ['an unknown username, before the caller check', 'tok_user_alex_full', 'nobody-here', 'biz_pixelforge', 404, 'resource_not_found', 'id'],
    ['a user token asking about another user', 'tok_user_alex_full', 'user_maya7Kd2', 'prod_pfpro', 403, 'forbidden', 'id'],
    ['an API key asking about another account\'s product', PF, 'user_alex123', 'prod_nwsignals', 403, 'forbidden', 'resource_id'],
    ['an API key asking about another account', NW, 'user_zoeB0rk', 'biz_summit', 403, 'forbidden', 'resource_id'],
    ['an app installed nowhere', 'tok_app_uninstalled', 'user_alex123', 'biz_pixelforge', 403, 'forbidden', 'resource_id'],
    ['an API key asking about "me"', PF, 'me', 'biz_pixelforge', 403, 'user_token_required', 'id'],
    ['a token without user:profile:read', 'tok_key_summit_members', 'user_maya7Kd2', 'biz_summit', 403, 'missing_scope', 'user:profile:read'],
  ])('refuses %s', async (_name, token, user, resource, status, code, param) => {
    const reply = await check(token, user, resource);
    expect(reply.status).toBe(status);
    expect(envelopeOf(reply)).toMatchObject({ code, param });
  });
});
