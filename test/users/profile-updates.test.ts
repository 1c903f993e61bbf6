import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, LATEST, ORIGINAL, startMock } from '../support/mock.js';

let server: MockServer;
beforeEach(async () => {
  server = await startMock();
});
afterEach(() => server.close());

const get = (path: string, token: string, version: string | null = null) => call(server, { path, token, version });
const patch = (path: string, token: string, body: unknown, version: string | null = null) => call(server, { method: 'PATCH', path, token, body, version });

describe('what a PATCH writes, every later read shows', () => {
  it.each([ORIGINAL, LATEST])('PATCH in %s, then GET by id, username and me, and in the list, in both versions', async (version) => {
    const reply = await patch('/users/me', 'tok_user_alex_full', { name: 'Alexandra', bio: 'New bio', username: 'alexandra' }, version);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'user_alex123', name: 'Alexandra', bio: 'New bio', username: 'alexandra' });
    for (const readVersion of [ORIGINAL, LATEST]) {
      for (const path of ['/users/user_alex123', '/users/alexandra', '/users/me']) {
        const read = await get(path, 'tok_user_alex_readonly', readVersion);
        expect(read.body).toMatchObject({ name: 'Alexandra', bio: 'New bio', username: 'alexandra' });
      }
      const list = await get('/users?query=alexandra', 'tok_user_alex_readonly', readVersion);
      expect(list.body.data.map((u: { id: string }) => u.id)).toEqual(['user_alex123']);
    }
    expect((await get('/users/alex', 'tok_user_alex_readonly')).status).toBe(404);
  });

  it('an override written with the original company_id body field is read back with the latest account_id query', async () => {
    const written = await patch('/users/user_maya7Kd2', 'tok_key_pixelforge_full', { company_id: 'biz_pixelforge', name: 'Maya (PixelForge)' });
    expect(written.status).toBe(200);
    expect(written.body.name).toBe('Maya (PixelForge)');
    const latest = await get('/users/user_maya7Kd2?account_id=biz_pixelforge', 'tok_key_pixelforge_full', LATEST);
    expect(latest.body.name).toBe('Maya (PixelForge)');
    const original = await get('/users/maya-chen?company_id=biz_pixelforge', 'tok_user_alex_full');
    expect(original.body.name).toBe('Maya (PixelForge)');
    const global = await get('/users/user_maya7Kd2', 'tok_user_alex_full', LATEST);
    expect(global.body.name).toBe('Maya Chen');
    const cleared = await patch('/users/user_maya7Kd2?account_id=biz_pixelforge', 'tok_key_pixelforge_full', { name: 'x' }, LATEST);
    expect(cleared.body.name).toBe('x');
    const nulled = await patch('/users/user_maya7Kd2', 'tok_key_pixelforge_full', { company_id: 'biz_pixelforge', name: null });
    expect(nulled.body.name).toBe('Maya Chen');
  });

  it('an API key may only write its own account\'s override, and only name and picture', async () => {
    const other = await patch('/users/user_maya7Kd2?account_id=biz_northwind', 'tok_key_pixelforge_full', { name: 'x' }, LATEST);
    expect(other.status).toBe(403);
    expect(envelopeOf(other)).toMatchObject({ type: 'forbidden', param: 'account_id' });
    const unknown = await patch('/users/user_maya7Kd2?account_id=biz_nowhere', 'tok_key_pixelforge_full', { name: 'x' }, LATEST);
    expect(unknown.status).toBe(404);
    expect(envelopeOf(unknown).param).toBe('account_id');
    const bio = await patch('/users/user_maya7Kd2?account_id=biz_pixelforge', 'tok_key_pixelforge_full', { bio: 'x' }, LATEST);
    expect(bio.status).toBe(400);
    expect(envelopeOf(bio)).toMatchObject({ code: 'parameter_invalid', param: 'bio' });
  });

  it('a user token naming an account sets its own override there (the SDK\'s updateMe)', async () => {
    const reply = await patch('/users/me?account_id=biz_northwind', 'tok_user_alex_full', { name: 'Coach Alex' }, LATEST);
    expect(reply.body.name).toBe('Coach Alex');
    expect((await get('/users/me?account_id=biz_northwind', 'tok_user_alex_full', LATEST)).body.name).toBe('Coach Alex');
    expect((await get('/users/me', 'tok_user_alex_full', LATEST)).body.name).toBe('Alex Rivera');
  });

  it('profile_picture {id} refers to a file and the response carries its url; unknown files are 400; null clears', async () => {
    const set = await patch('/users/me', 'tok_user_alex_full', { profile_picture: { id: 'file_newavatar' } });
    expect(set.body.profile_picture.url).toMatch(/^https:\/\//);
    const upload = await patch('/users/me', 'tok_user_alex_full', { profile_picture: { direct_upload_id: 'file_alexcoach' } }, LATEST);
    expect(upload.body.profile_picture.url).not.toBe(set.body.profile_picture.url);
    const bad = await patch('/users/me', 'tok_user_alex_full', { profile_picture: { id: 'file_nope' } });
    expect(bad.status).toBe(400);
    expect(envelopeOf(bad)).toMatchObject({ code: 'parameter_invalid', param: 'profile_picture.id' });
    const cleared = await patch('/users/me', 'tok_user_alex_full', { profile_picture: null });
    expect(cleared.body.profile_picture).toBeNull();
  });
});

describe('usernames: unique, case-insensitive, freed on rename', () => {
  it('a taken username is a 400 and the whole PATCH changes nothing', async () => {
    const reply = await patch('/users/me', 'tok_user_alex_full', { name: 'Changed', username: 'MAYA-CHEN' });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply)).toMatchObject({ code: 'username_taken', param: 'username' });
    expect((await get('/users/me', 'tok_user_alex_full')).body).toMatchObject({ name: 'Alex Rivera', username: 'alex' });
  });

  it('keeping one\'s own username is fine; a freed name can be taken by another user', async () => {
    expect((await patch('/users/me', 'tok_user_jonas_update', { username: 'Jonas-Weber' })).status).toBe(200);
    expect((await patch('/users/me', 'tok_user_jonas_update', { username: 'jw' })).status).toBe(200);
    const taken = await patch('/users/me', 'tok_user_lena_update', { username: 'jonas-weber' });
    expect(taken.status).toBe(200);
    expect((await get('/users/jonas-weber', 'tok_user_alex_full')).body.id).toBe('user_lenaK0w');
  });

  it('username null (original version) leaves the username as it is', async () => {
    const reply = await patch('/users/me', 'tok_user_alex_full', { username: null, bio: null });
    expect(reply.body).toMatchObject({ username: 'alex', bio: null });
  });
});

describe('422 Verification required follows the fixture rule', () => {
  it('maya (pending, name locked) cannot change her name; the envelope is valid; nothing changes', async () => {
    for (const version of [ORIGINAL, LATEST]) {
      const reply = await patch('/users/me', 'tok_user_maya_update', { bio: 'ok', name: 'Maya C.' }, version);
      expect(reply.status).toBe(422);
      expect(envelopeOf(reply)).toMatchObject({ type: 'verification_required', code: 'verification_required', param: 'name' });
    }
    expect((await get('/users/me', 'tok_user_maya_update')).body).toMatchObject({ name: 'Maya Chen', bio: expect.not.stringMatching(/^ok$/) });
  });

  it('sending the current value is not a change; unlocked fields change; approved users are not locked', async () => {
    expect((await patch('/users/me', 'tok_user_maya_update', { name: 'Maya Chen', bio: 'ok' })).status).toBe(200);
    expect((await patch('/users/me', 'tok_user_lena_update', { name: 'Lena K.' })).body.name).toBe('Lena K.');
    const tom = await patch('/users/me', 'tok_user_tom_update', { profile_picture: { id: 'file_newavatar' } });
    expect(envelopeOf(tom)).toMatchObject({ type: 'verification_required', param: 'profile_picture' });
  });
});

describe('balances follow seed 000: only GET /users/me with the balance-read scope', () => {
  it.each([
    ['tok_user_alex_full', '/users/me', '250.00', 1],
    ['tok_user_maya_balance', '/users/me', '930.14', 2],
    ['tok_user_tom_update', '/users/me', '42.10', 2],
    ['tok_user_alex_full', '/users/user_alex123', null, 0],
    ['tok_user_alex_readonly', '/users/me', null, 0],
    ['tok_key_pixelforge_full', '/users/user_alex123', null, 0],
  ])('%s GET %s -> total_usd %s with %i balances', async (token, path, total, count) => {
    const reply = await get(path, token, LATEST);
    expect(reply.body.total_usd).toBe(total);
    expect(reply.body.balances).toHaveLength(count);
  });

  it('a PATCH response is the public view (no balances)', async () => {
    const reply = await patch('/users/me', 'tok_user_alex_full', { bio: 'b' }, LATEST);
    expect(reply.body).toMatchObject({ total_usd: null, balances: [] });
  });
});
