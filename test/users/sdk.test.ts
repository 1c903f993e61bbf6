import Whop from '@whop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { sdkFor, startMock } from '../support/mock.js';

// The official SDK with its defaults (it sends Api-Version-Date: 2026-07-20, so it is served the
// latest shapes), pointed at the mock. maxRetries 0: error tests should not wait for retries.
let server: MockServer;
const client = (apiKey: string) => sdkFor(server, { apiKey });

beforeAll(async () => {
  server = await startMock({ generateUsers: 40, seed: 3 });
});
afterAll(() => server.close());

describe('the Users API through @whop/sdk', () => {
  it('retrieves me with balances, and a user by username without', async () => {
    const me = await client('tok_user_alex_full').users.retrieve('me');
    expect(me).toMatchObject({ id: 'user_alex123', username: 'alex' });
    expect((me as unknown as { total_usd: string }).total_usd).toBe('250.00');
    const maya = await client('tok_user_alex_full').users.retrieve('maya-chen');
    expect((maya as unknown as { total_usd: string | null }).total_usd).toBeNull();
  });

  it('updates, and the next retrieve shows it', async () => {
    const updated = await client('tok_user_jonas_update').users.update('user_jonasW8', { name: 'Jonas W.', bio: 'Hi' });
    expect(updated).toMatchObject({ name: 'Jonas W.', bio: 'Hi' });
    expect(await client('tok_user_alex_full').users.retrieve('user_jonasW8')).toMatchObject({ name: 'Jonas W.' });
    const viaMe = await client('tok_user_jonas_update').users.updateMe({ bio: 'Hello again' });
    expect(viaMe.bio).toBe('Hello again');
  });

  it('an API key updates the account override with account_id', async () => {
    const api = client('tok_key_pixelforge_full');
    const updated = await api.users.update('user_hanaS4t', { account_id: 'biz_pixelforge', name: 'Hana @ PixelForge' });
    expect(updated.name).toBe('Hana @ PixelForge');
    expect((await api.users.retrieve('user_hanaS4t', { account_id: 'biz_pixelforge' })).name).toBe('Hana @ PixelForge');
    expect((await api.users.retrieve('user_hanaS4t')).name).toBe('Hana Sato');
  });

  it('lists with auto-pagination: every user once', async () => {
    const ids: string[] = [];
    for await (const user of client('tok_user_alex_readonly').users.list({ first: 7 })) ids.push(user.id);
    expect(ids).toHaveLength(52);
    expect(new Set(ids).size).toBe(52);
  });

  it.each([
    ['tok_user_alex_full', (c: Whop) => c.users.retrieve('nobody-at-all'), Whop.NotFoundError, 404],
    ['tok_user_alex_full', (c: Whop) => c.users.update('user_maya7Kd2', { name: 'x' }), Whop.PermissionDeniedError, 403],
    ['tok_user_alex_readonly', (c: Whop) => c.users.updateMe({ name: 'x' }), Whop.PermissionDeniedError, 403],
    ['tok_not_real', (c: Whop) => c.users.retrieve('me'), Whop.AuthenticationError, 401],
    ['tok_key_pixelforge_full', (c: Whop) => c.users.update('user_alex123', { name: 'x' }), Whop.BadRequestError, 400],
    ['tok_user_maya_update', (c: Whop) => c.users.updateMe({ name: 'Someone Else' }), Whop.UnprocessableEntityError, 422],
  ])('typed errors: %s -> %i', async (token, run, type, status) => {
    const error = await run(client(token)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as InstanceType<typeof Whop.APIError>).status).toBe(status);
    expect((error as InstanceType<typeof Whop.APIError>).error).toMatchObject({ error: { type: expect.any(String), message: expect.any(String) } });
  });
});
