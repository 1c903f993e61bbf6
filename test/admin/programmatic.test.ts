import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type MockServer } from '../../src/index.js';
import { call, LATEST, sdkFor, startMock } from '../support/mock.js';
import { newCompany, newMember, newUser } from './records.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

const x = () => server.session('x');
beforeEach(() => x().reset());

describe('server.session(name): the control plane without HTTP', () => {
  it('seeds a user and a token that HTTP requests with the session header then see', async () => {
    const session = x();
    expect(session.headers).toEqual({ 'X-Mock-Session': 'x' });
    const record = newUser();
    session.seedUser(record);
    expect(Object.isFrozen(record)).toBe(false);
    const token = session.registerToken({ kind: 'user_oauth_token', user_id: 'user_seeded01', scopes: ['user:profile:read', 'user:balance:read'] });
    const reply = await call(server, { path: '/api/v1/users/me', token, version: LATEST, headers: session.headers });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'user_seeded01', username: 'seeded-sam', name: 'Seeded Sam', total_usd: '0.00' });
    // Not in the default session.
    expect((await call(server, { path: '/users/me', token })).status).toBe(401);
  });

  it('works with the official SDK through defaultHeaders', async () => {
    const session = x();
    session.seedCompany(newCompany());
    session.seedMember(newMember({ id: 'mber_sdk01', company_id: 'biz_seeded01', product_ids: [], plan_ids: [] }));
    const key = session.registerToken({ token: 'tok_seeded_key', kind: 'account_api_key', account_id: 'biz_seeded01', scopes: ['member:basic:read'] });
    const client = sdkFor(server, { apiKey: key, defaultHeaders: session.headers });
    const member = await client.members.retrieve('mber_sdk01');
    expect(member.id).toBe('mber_sdk01');
    expect(session.requests({ operationId: 'retrieveMember' }).map((entry) => entry.status)).toEqual([200]);
  });

  it('reads the state, the journal and the faults it shares with the HTTP endpoints', async () => {
    const session = x();
    const fault = session.addFault({ operationId: 'retrieveUser', status: 404, times: 1 });
    expect(fault).toEqual({ id: expect.stringMatching(/^flt_/), operationId: 'retrieveUser', status: 404, times: 1 });
    expect((await call(server, { path: '/__mock/faults', headers: session.headers })).body.data).toEqual([fault]);
    const first = await call(server, { path: '/users/me', token: 'tok_user_alex_full', headers: session.headers });
    expect(first.status).toBe(404);
    expect(session.faults()).toEqual([]);
    expect(session.requests().map((entry) => [entry.status, entry.fault_id])).toEqual([[404, fault.id]]);
    expect(session.clearRequests()).toBe(1);
    expect(session.requests()).toEqual([]);
    session.addFault({ delay_ms: 1 });
    expect(session.clearFaults()).toBe(1);
    expect(session.state().users.find((u) => u.id === 'user_alex123')?.name).toBe('Alex Rivera');
  });

  it('reset() brings the session back to the fixtures, through any handle', async () => {
    x().seedUser(newUser());
    await call(server, { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: { name: 'Changed' }, headers: { 'x-mock-session': 'x' } });
    x().addFault({ operationId: 'listUsers', status: 500 });
    server.session('x').reset();
    const state = x().state();
    expect(state.users.map((u) => u.id)).not.toContain('user_seeded01');
    expect(state.users.find((u) => u.id === 'user_alex123')?.name).toBe('Alex Rivera');
    expect(x().faults()).toEqual([]);
    expect(x().requests()).toEqual([]);
  });

  it('seeds a record of any kind, checked like the fixtures (kinds without a POST route too)', () => {
    const session = x();
    const product = session.seed('products', { id: 'prod_seeded', company_id: 'biz_pixelforge', title: 'Seeded Course' });
    expect(product).toEqual({ id: 'prod_seeded', company_id: 'biz_pixelforge', title: 'Seeded Course' });
    expect(session.state().products.find((p) => p.id === 'prod_seeded')).toEqual(product);
    const before = session.state();
    expect(() => session.seed('products', { id: 'prod_orphan', company_id: 'biz_nope', title: 'Orphan' })).toThrow(
      expect.objectContaining({ status: 400, code: 'mock_record_invalid', param: 'company_id' }),
    );
    expect(session.state()).toEqual(before);
  });

  it('throws the ApiError the endpoint would answer, and stores nothing', () => {
    const session = x();
    const before = session.state();
    let thrown: unknown;
    try {
      session.seedUser(newUser({ profile_picture_file_id: 'file_nope' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ status: 400, code: 'mock_record_invalid', param: 'profile_picture_file_id' });
    expect(session.state()).toEqual(before);
    // @ts-expect-error: not an operation of the bundled specs (the compiler says so before the run does).
    expect(() => session.addFault({ operationId: 'retrieveUsr', status: 500 })).toThrow(/did you mean retrieveUser\?/);
    // @ts-expect-error: retrieveUser declares no 503.
    expect(() => session.addFault({ operationId: 'retrieveUser', status: 503 })).toThrow(/503 is not declared by retrieveUser/);
    // @ts-expect-error: nor in a sequence step.
    expect(() => session.addFault({ operationId: 'retrieveUser', sequence: [{ status: 422 }] })).toThrow(/sequence\.0\.status/);
    expect(() => server.session('bad name')).toThrow(/X-Mock-Session/);
  });
});
