import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRecord, MockServer } from '../../src/index.js';
import { call, copyOf, startMock } from '../support/mock.js';

// The shipped fixtures keep access_level consistent with status. This world does not: a drafted
// member marked customer and an owner who left still marked admin. Only `joined` grants access.
let server: MockServer;
beforeAll(async () => {
  const dir = copyOf('fixtures');
  const file = join(dir, 'members.json');
  const members: MemberRecord[] = JSON.parse(readFileSync(file, 'utf8'));
  const edits: Record<string, Partial<MemberRecord>> = {
    mber_sm07jonas: { access_level: 'customer' },
    mber_nw01noah: { status: 'left' },
  };
  writeFileSync(file, JSON.stringify(members.map((m) => ({ ...m, ...edits[m.id] }))));
  server = await startMock({ fixtures: dir });
});
afterAll(() => server.close());

describe('access comes only from joined memberships', () => {
  it.each([
    ['tok_user_jonas_update', 'me', 'prod_smcommunity', 'no_access'],
    ['tok_user_jonas_update', 'me', 'biz_summit', 'no_access'],
    ['tok_key_northwind_full', 'user_noahF3r', 'biz_northwind', 'no_access'],
    ['tok_key_northwind_full', 'user_noahF3r', 'exp_nwcalls', 'no_access'],
    ['tok_key_northwind_full', 'user_zoeB0rk', 'biz_northwind', 'admin'],
  ])('%s: %s on %s is %s', async (token, user, resource, level) => {
    const reply = await call(server, { path: `/users/${user}/access/${resource}`, token });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ has_access: level !== 'no_access', access_level: level });
  });

  it('while the record itself still says admin', async () => {
    const noah = await call(server, { path: '/members/mber_nw01noah', token: 'tok_key_northwind_full' });
    expect(noah.body).toMatchObject({ access_level: 'admin', status: 'left' });
  });
});
