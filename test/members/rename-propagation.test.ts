import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, LATEST, ORIGINAL, startMock } from '../support/mock.js';

// Each test writes, so each starts its own server: no other test sees its renames.
async function withServer(run: (server: MockServer) => Promise<void>): Promise<void> {
  const server = await startMock();
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

const memberUser = async (server: MockServer, id: string, token: string, version: string | null) =>
  (await call(server, { path: `/members/${id}`, token, version })).body.user;

describe('a member shows its user as the user is now', () => {
  it.each([ORIGINAL, LATEST])('a user renaming themselves (PATCH in %s) shows on their member in both versions', async (patchVersion) => {
    await withServer(async (server) => {
      const before = await memberUser(server, 'mber_nw05lena', 'tok_key_northwind_full', null);
      expect(before).toMatchObject({ name: 'Lena Kowalski', username: 'lena-k' });
      const byOldName = await call(server, { path: '/members?query=lena-k', token: 'tok_key_northwind_full' });
      expect(byOldName.body.data.map((m: { id: string }) => m.id)).toEqual(['mber_nw05lena']);
      const patch = await call(server, {
        method: 'PATCH', path: '/users/user_lenaK0w', token: 'tok_user_lena_update', version: patchVersion,
        body: { name: 'Lena Nowak', username: 'lena-nowak' },
      });
      expect(patch.status).toBe(200);
      for (const version of [null, ORIGINAL, LATEST]) {
        const user = await memberUser(server, 'mber_nw05lena', 'tok_key_northwind_full', version);
        expect(user).toEqual({ id: 'user_lenaK0w', email: 'lena.kowalski@example.com', name: 'Lena Nowak', username: 'lena-nowak' });
      }
      const found = await call(server, { path: '/members?query=nowak', token: 'tok_key_northwind_full' });
      expect(found.body.data.map((m: { id: string }) => m.id)).toEqual(['mber_nw05lena']);
      const oldName = await call(server, { path: '/members?query=lena-k', token: 'tok_key_northwind_full', version: LATEST });
      expect(oldName.body.data).toEqual([]);
    });
  });

  it('a global rename changes every membership; a company override still wins in its own company', async () => {
    await withServer(async (server) => {
      const patch = await call(server, {
        method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', version: LATEST, body: { name: 'Alexandra Rivera', username: 'alexandra' },
      });
      expect(patch.status).toBe(200);
      expect(await memberUser(server, 'mber_nw02alex', 'tok_key_northwind_full', null)).toMatchObject({ name: 'Alexandra Rivera', username: 'alexandra' });
      expect(await memberUser(server, 'mber_pf01alex', 'tok_key_pixelforge_full', LATEST)).toMatchObject({ name: 'Coach Alex', username: 'alexandra' });
    });
  });

  it.each([
    [ORIGINAL, '/users/user_alex123', { company_id: 'biz_pixelforge', name: 'Coach A.' }],
    [LATEST, '/users/user_alex123?account_id=biz_pixelforge', { name: 'Coach A.' }],
  ])('an account override set through PATCH (%s) shows on that company\'s member only', async (version, path, body) => {
    await withServer(async (server) => {
      const patch = await call(server, { method: 'PATCH', path, token: 'tok_key_pixelforge_full', version, body });
      expect(patch.status).toBe(200);
      for (const served of [ORIGINAL, LATEST]) {
        expect((await memberUser(server, 'mber_pf01alex', 'tok_key_pixelforge_full', served)).name).toBe('Coach A.');
        expect((await memberUser(server, 'mber_nw02alex', 'tok_key_northwind_full', served)).name).toBe('Alex Rivera');
      }
    });
  });
});
