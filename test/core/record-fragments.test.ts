import { describe, expect, it } from 'vitest';
import { call, envelopeOf, LATEST, ORIGINAL } from '../support/mock.js';
import { brokenUserSpecs, expectOwnProjectionPerVersion, servedText, serversClosedAfterEach } from '../support/served-json.js';

// Single-record answers are served from the JSON remembered by record (src/handlers/record-body.ts,
// src/validation/fragment-cache.ts). Whatever was served before, every answer must be what a
// server that never served anything would answer: per version, per caller's field scopes, with
// every record as it is now.

const start = serversClosedAfterEach();
const text = servedText;

const READS = [
  ['/users/user_alex123', 'tok_user_alex_readonly'],
  ['/users/me', 'tok_user_alex_readonly'],
  ['/users/me', 'tok_user_alex_full'],
  ['/members/mber_nw05lena', 'tok_key_northwind_full'],
] as const;

describe('single records served from remembered JSON answer as if nothing had been served before', () => {
  it('the same record twice is the same bytes, those of a server that checks nothing, all of it JSON.stringify of the parsed body', async () => {
    const server = await start();
    const unchecked = await start({ validateResponses: 'off' });
    for (const [path, token] of READS) {
      for (const version of [ORIGINAL, LATEST]) {
        const first = await text(server, path, token, version);
        expect(await text(server, path, token, version)).toBe(first);
        expect(await text(unchecked, path, token, version)).toBe(first);
        expect(await text(unchecked, path, token, version)).toBe(first);
        expect(JSON.stringify(JSON.parse(first))).toBe(first);
      }
    }
  });

  it('each version gets its own projection of the same record, in any order of asking', async () => {
    const server = await start();
    const keys = async (version: string) => Object.keys(JSON.parse(await text(server, '/users/user_alex123', 'tok_user_alex_readonly', version))).sort();
    await expectOwnProjectionPerVersion(keys);
  });

  it('the self-view with balances and the plain view of the same user never stand in for each other', async () => {
    const server = await start();
    const totalUsd = async (path: string, token: string) => (await call(server, { path, token, version: LATEST })).body.total_usd;
    for (let i = 0; i < 2; i++) {
      expect(await totalUsd('/users/user_alex123', 'tok_user_alex_full')).toBeNull();
      expect(await totalUsd('/users/me', 'tok_user_alex_readonly')).toBeNull();
      expect(await totalUsd('/users/me', 'tok_user_alex_full')).toEqual(expect.any(String));
    }
  });

  it('field masking follows the caller\'s scopes, whoever asked for the same member before', async () => {
    const server = await start();
    const member = async (token: string) => (await call(server, { path: '/members/mber_nw05lena', token, version: LATEST })).body as { phone: string | null; user: { email: string | null } };
    const full = await member('tok_key_northwind_full');
    expect(full.phone).not.toBeNull();
    expect(full.user.email).toEqual(expect.any(String));
    const emailOnly = await member('tok_key_northwind_email');
    expect(emailOnly.phone).toBeNull();
    expect(emailOnly.user.email).toBe(full.user.email);
    expect(await member('tok_key_northwind_full')).toEqual(full);
    expect(await member('tok_key_northwind_email')).toEqual(emailOnly);
  });

  it('a renamed user shows at once in GET /users/{id}, GET /users/me and in their member', async () => {
    const server = await start();
    const nameIn = async (path: string, token: string) => {
      const body = (await call(server, { path, token, version: LATEST })).body as { name?: string; user?: { name: string } };
      return body.user?.name ?? body.name;
    };
    const reads = [['/users/user_lenaK0w', 'tok_user_alex_full'], ['/users/me', 'tok_user_lena_update'], ['/members/mber_nw05lena', 'tok_key_northwind_full']] as const;
    for (const [path, token] of reads) expect(await nameIn(path, token)).toBe('Lena Kowalski');
    const patch = await call(server, { method: 'PATCH', path: '/users/user_lenaK0w', token: 'tok_user_lena_update', version: LATEST, body: { name: 'Lena Nowak' } });
    expect(patch.status).toBe(200);
    for (const [path, token] of reads) expect(await nameIn(path, token)).toBe('Lena Nowak');
  });
});

const brokenSpecs = brokenUserSpecs;

describe('a record that breaks its version\'s schema is caught however often it was served', () => {
  const read = { path: '/users/user_alex123', token: 'tok_user_alex_readonly', version: ORIGINAL };
  const rename = { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', version: LATEST, body: { name: 'Broken Name' } };

  it('strict: the record that was valid and served becomes the same 500, every time, as on a server that never served it', async () => {
    const specs = brokenSpecs();
    const warmed = await start({ specs });
    expect((await call(warmed, read)).status).toBe(200);
    expect((await call(warmed, read)).status).toBe(200);
    expect((await call(warmed, rename)).status).toBe(200);
    const cold = await start({ specs });
    expect((await call(cold, rename)).status).toBe(200);
    const expected = await call(cold, read);
    expect(expected.status).toBe(500);
    expect(envelopeOf(expected)).toMatchObject({ type: 'mock_contract_violation', param: '/name' });
    for (let i = 0; i < 3; i++) {
      const reply = await call(warmed, read);
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual(expected.body);
    }
    // In the version without the rule, the renamed user is served.
    const latest = await call(warmed, { ...read, version: LATEST });
    expect(latest.status).toBe(200);
    expect(latest.body.name).toBe('Broken Name');
  });

  it('warn: the record is sent with the violation header every time', async () => {
    const server = await start({ specs: brokenSpecs(), validateResponses: 'warn' });
    expect((await call(server, read)).headers.get('x-mock-contract-violation')).toBeNull();
    await call(server, rename);
    for (let i = 0; i < 3; i++) {
      const reply = await call(server, read);
      expect(reply.status).toBe(200);
      expect(reply.body.name).toBe('Broken Name');
      expect(reply.headers.get('x-mock-contract-violation')).toMatch(/^\/name not:/);
    }
  });
});
