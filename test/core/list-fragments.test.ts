import { describe, expect, it } from 'vitest';
import { call, envelopeOf, LATEST, ORIGINAL } from '../support/mock.js';
import { brokenUserSpecs, expectOwnProjectionPerVersion, servedText, serversClosedAfterEach } from '../support/served-json.js';

// Lists are served from each item's JSON remembered by record (src/validation/fragment-cache.ts).
// Whatever was served before, every answer must be what a server that never served anything
// would answer: per version, per caller's field scopes, with every record as it is now.

const start = serversClosedAfterEach();
const text = servedText;

type Member = { id: string; phone: string | null; user: { id: string; name: string; email: string | null } | null };

describe('lists served from remembered items answer as if nothing had been served before', () => {
  it('the same page twice is the same bytes, its items those of a server that checks nothing, all of it JSON.stringify of the parsed body', async () => {
    const server = await start();
    const unchecked = await start({ validateResponses: 'off' });
    for (const [path, token] of [['/users?first=10', 'tok_user_alex_full'], ['/members', 'tok_key_pixelforge_full']] as const) {
      for (const version of [ORIGINAL, LATEST]) {
        const first = await text(server, path, token, version);
        const second = await text(server, path, token, version);
        expect(second).toBe(first);
        // Cursors are signed with each server's own key: the items must match byte for byte.
        const items = (payload: string) => payload.slice(0, payload.indexOf(',"page_info":'));
        expect(items(await text(unchecked, path, token, version))).toBe(items(first));
        expect(JSON.stringify(JSON.parse(first))).toBe(first);
      }
    }
  });

  it('each version gets its own projection of the same records, in any order of asking', async () => {
    const server = await start();
    const keys = async (version: string) => Object.keys(JSON.parse(await text(server, '/users?first=3', 'tok_user_alex_full', version)).data[0]).sort();
    await expectOwnProjectionPerVersion(keys);
  });

  it('field masking follows the caller\'s scopes, whoever asked for the same members before', async () => {
    const server = await start();
    const members = async (token: string) => (await call(server, { path: '/members', token, version: LATEST })).body.data as Member[];
    const full = await members('tok_key_northwind_full');
    expect(full.some((member) => member.phone !== null)).toBe(true);
    expect(full.some((member) => member.user?.email)).toBe(true);
    const emailOnly = await members('tok_key_northwind_email');
    expect(emailOnly.map((member) => member.id)).toEqual(full.map((member) => member.id));
    expect(emailOnly.every((member) => member.phone === null)).toBe(true);
    expect(emailOnly.map((member) => member.user?.email)).toEqual(full.map((member) => member.user?.email));
    expect(await members('tok_key_northwind_full')).toEqual(full);
  });

  it('a renamed user shows at once in GET /users and in their members in GET /members', async () => {
    const server = await start();
    const lenaIn = async (path: string, token: string) => {
      const data = (await call(server, { path, token, version: LATEST })).body.data as { id: string; name?: string; user?: { id: string; name: string } }[];
      const item = data.find((entry) => entry.id === 'user_lenaK0w' || entry.user?.id === 'user_lenaK0w');
      return item?.user?.name ?? item?.name;
    };
    expect(await lenaIn('/members', 'tok_key_northwind_full')).toBe('Lena Kowalski');
    expect(await lenaIn('/users?first=50', 'tok_user_alex_full')).toBe('Lena Kowalski');
    const patch = await call(server, { method: 'PATCH', path: '/users/user_lenaK0w', token: 'tok_user_lena_update', version: LATEST, body: { name: 'Lena Nowak' } });
    expect(patch.status).toBe(200);
    expect(await lenaIn('/members', 'tok_key_northwind_full')).toBe('Lena Nowak');
    expect(await lenaIn('/users?first=50', 'tok_user_alex_full')).toBe('Lena Nowak');
  });
});

const brokenSpecs = brokenUserSpecs;

describe('a list item that breaks its version\'s schema is caught however often its page was served', () => {
  it('strict: the page that was valid and served becomes the same 500 as on a server that never served it', async () => {
    const specs = brokenSpecs();
    const warmed = await start({ specs });
    const list = { path: '/users?first=10', token: 'tok_user_alex_full', version: ORIGINAL };
    expect((await call(warmed, list)).status).toBe(200);
    expect((await call(warmed, list)).status).toBe(200);
    const rename = { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', version: LATEST, body: { name: 'Broken Name' } };
    expect((await call(warmed, rename)).status).toBe(200);
    const cold = await start({ specs });
    expect((await call(cold, rename)).status).toBe(200);
    const expected = await call(cold, list);
    expect(expected.status).toBe(500);
    expect(envelopeOf(expected)).toMatchObject({ type: 'mock_contract_violation', param: expect.stringMatching(/^\/data\/\d+\/name$/) });
    for (let i = 0; i < 3; i++) {
      const reply = await call(warmed, list);
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual(expected.body);
    }
    // The other items are still fine: a page without Alex is served.
    const others = await call(warmed, { ...list, path: '/users?query=noah' });
    expect(others.status).toBe(200);
    expect(others.body.data.map((user: { id: string }) => user.id)).toEqual(['user_noahF3r']);
    // And in the version without the rule, the renamed user is served.
    const latest = await call(warmed, { ...list, version: LATEST });
    expect(latest.status).toBe(200);
    expect(latest.body.data.map((user: { name: string }) => user.name)).toContain('Broken Name');
  });

  it('warn: the page is sent with the violation header every time', async () => {
    const server = await start({ specs: brokenSpecs(), validateResponses: 'warn' });
    const list = { path: '/users?first=10', token: 'tok_user_alex_full', version: ORIGINAL };
    expect((await call(server, list)).headers.get('x-mock-contract-violation')).toBeNull();
    await call(server, { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', version: LATEST, body: { name: 'Broken Name' } });
    for (let i = 0; i < 2; i++) {
      const reply = await call(server, list);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-mock-contract-violation')).toMatch(/^\/data\/\d+\/name not:/);
    }
  });
});
