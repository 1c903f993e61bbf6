import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../src/index.js';
import { ApiError } from '../../src/kernel/api-error.js';
import { copyOf, editFile, envelopeOf, startMock } from '../support/mock.js';
import { sessionPerTest } from '../support/session-per-test.js';

// A test writes only the fields it cares about: the rest is filled with deterministic, valid
// defaults, and the whole record comes back. A record that is refused lists every problem at once.
const mock = sessionPerTest('partial', () => startMock());

describe('seeding a partial record over HTTP', () => {
  it('a user from its name alone: id and username from the name, the rest valid defaults; the API serves it', async () => {
    const reply = await mock.control('POST', '/users', { name: 'Ada Lovelace' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: 'user_adalovelace',
      username: 'ada-lovelace',
      name: 'Ada Lovelace',
      bio: null,
      created_at: '2026-01-01T00:00:00Z',
      email: null,
      profile_picture_file_id: null,
      balances: [],
      verification: { individual: null, business: null },
      overrides: {},
      verification_locked_fields: [],
    });
    expect((await mock.api('/users/ada-lovelace', 'tok_user_alex_readonly')).body).toMatchObject({ id: 'user_adalovelace', name: 'Ada Lovelace' });
    // The same again is another user: the defaults never take a value the session holds.
    expect((await mock.control('POST', '/users', { name: 'Ada Lovelace' })).body).toMatchObject({ id: 'user_adalovelace2', username: 'ada-lovelace-2' });
    expect((await mock.control('POST', '/users', {})).body).toMatchObject({ id: 'user_testuser', username: 'test-user', name: 'Test User' });
  });

  it('an existing id changes only the fields given', async () => {
    const reply = await mock.control('POST', '/users', { id: 'user_alex123', bio: 'Changed bio' });
    expect(reply.body).toMatchObject({ id: 'user_alex123', username: 'alex', name: 'Alex Rivera', bio: 'Changed bio' });
  });

  it('a company from its title, and a member of it from a user id', async () => {
    const company = (await mock.control('POST', '/companies', { title: 'Acme Tools' })).body;
    expect(company).toEqual({ id: 'biz_acmetools', title: 'Acme Tools', route: 'acme-tools', created_at: '2026-01-01T00:00:00Z' });
    const member = (await mock.control('POST', '/members', { company_id: company.id, user_id: 'user_alex123' })).body;
    expect(member).toMatchObject({ id: 'mber_alex123acmetools', company_id: 'biz_acmetools', user_id: 'user_alex123', access_level: 'customer', status: 'joined', usd_total_spent: 0 });
    // Without a company: the session's first one; without a user: a lead.
    expect((await mock.control('POST', '/members', {})).body).toMatchObject({ id: 'mber_leadpixelforge', company_id: 'biz_pixelforge', user_id: null });
  });

  it('a refused record lists every problem at once, each with its field', async () => {
    const reply = await mock.control('POST', '/users', { name: 42, username: 'no spaces', created_at: 'yesterday', colour: 'red' });
    expect(reply.status).toBe(400);
    const error = envelopeOf(reply);
    expect(error.code).toBe('mock_record_invalid');
    expect(error.message).toMatch(/^Invalid user record: 4 problems: /);
    for (const part of ['/colour is not a field', '/username "no spaces" does not match', '/name must be string or null, got 42', '/created_at "yesterday" is not a valid date-time']) expect(error.message).toContain(part);
    expect(['colour', 'username', 'name', 'created_at']).toContain(error.param);
    // Every dangling reference of a member at once.
    const member = envelopeOf(await mock.control('POST', '/members', { company_id: 'biz_pixelforge', user_id: 'user_nobody', plan_ids: ['plan_nope'] }));
    expect(member.message).toMatch(/\/user_id refers to user "user_nobody".*; \/plan_ids\/0 refers to plan "plan_nope"/);
  });
});

describe('seeding in-process', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await createMockServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('seedUser / seedCompany / seedMember take what the test cares about and return the whole record', () => {
    const session = server.session('partial-in-process');
    const user = session.seedUser({ name: 'Grace Hopper', email: 'grace@example.com' });
    expect(user).toMatchObject({ id: 'user_gracehopper', username: 'grace-hopper', email: 'grace@example.com', balances: [] });
    const company = session.seedCompany({ route: 'navy-labs' });
    expect(company).toMatchObject({ id: 'biz_navylabs', title: 'Navy Labs' });
    expect(session.seedMember({ user_id: user.id, company_id: company.id, access_level: 'admin' })).toMatchObject({ id: 'mber_gracehoppernavylabs', access_level: 'admin' });
    try {
      session.seedUser({ username: 'x'.repeat(50), email: 'not an email' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).message).toMatch(/2 problems: .*\/username.*; \/email/);
    }
  });
});

describe('a fixture file record with several problems', () => {
  it('stops start-up naming every problem of the record', async () => {
    const fixtures = copyOf('fixtures');
    editFile(join(fixtures, 'users.json'), (text) => text.replace('"username": "alex"', '"username": 42').replace('"created_at": "2022-03-14T09:30:00Z"', '"created_at": "last spring"'));
    await expect(createMockServer({ port: 0, fixtures })).rejects.toThrow(/users\.json: record 0 \(user_alex123\): \/username must be string, got 42; \/created_at "last spring" is not a valid date-time/);
  });
});

