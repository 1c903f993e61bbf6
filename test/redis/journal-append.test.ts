import { describe, expect, it } from 'vitest';
import { luaJournal } from '../../src/state/redis/lua-journal.js';
import { call } from '../support/mock.js';
import { redisInstalled } from '../support/redis-server.js';
import { useRedisMock } from '../support/redis-mock.js';

// The journal append call as the replica builds it (two arguments per entry, the call's bytes
// built in one pass): entries of any text reach the stream as sent, and a Redis that lost its
// scripts (restarted, SCRIPT FLUSH) is given the script again rather than losing the entry.
const TOKEN = 'tok_user_alex_full';

describe.runIf(redisInstalled)('the Redis journal append call', () => {
  const ctx = useRedisMock();

  const entries = async (session: string) =>
    (await call(ctx.server, { path: '/__mock/requests?limit=100', headers: { 'x-mock-session': session } })).body.data as { id: string; method: string; path: string; query_string: string; body: unknown; status: number }[];

  it('keeps entries whose bodies hold newlines and characters outside ASCII exactly', async () => {
    const session = 'append-text';
    const rawBody = '{\n  "bio": "ligne 1\\nligne 2 — é ü 😀",\n  "name": "Zoë"\n}';
    const patched = await call(ctx.server, { method: 'PATCH', path: '/users/me', token: TOKEN, rawBody, headers: { 'x-mock-session': session, 'content-type': 'application/json' } });
    expect(patched.status).toBe(200);
    // An unknown query parameter: refused, and journaled all the same.
    const refused = await call(ctx.server, { path: '/users/me?x=%C3%A9', token: TOKEN, headers: { 'x-mock-session': session } });
    expect(refused.status).toBe(400);
    const read = await call(ctx.server, { path: '/users/me', token: TOKEN, headers: { 'x-mock-session': session } });
    const kept = await entries(session);
    expect(kept.map((entry) => [entry.id, entry.method, entry.path, entry.status])).toEqual([
      ['req_1', 'PATCH', '/users/me', 200],
      ['req_2', 'GET', '/users/me', 400],
      ['req_3', 'GET', '/users/me', 200],
    ]);
    expect(kept[1]?.query_string).toBe('x=%C3%A9');
    expect(kept[0]?.body).toEqual(JSON.parse(rawBody));
    expect(read.body.bio).toBe('ligne 1\nligne 2 — é ü 😀');
  });

  it('gives Redis the script again when it has lost it, and keeps every entry', async () => {
    const session = 'append-flushed';
    expect((await call(ctx.server, { path: '/users/me', token: TOKEN, headers: { 'x-mock-session': session } })).status).toBe(200);
    await ctx.client.script('FLUSH');
    const replies = await Promise.all(Array.from({ length: 5 }, () => call(ctx.server, { path: '/users/me', token: TOKEN, headers: { 'x-mock-session': session } })));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await entries(session)).map((entry) => entry.id)).toEqual(['req_1', 'req_2', 'req_3', 'req_4', 'req_5', 'req_6']);
  });

  it("catches up when a session's stream is ahead of its counter, instead of refusing every later entry", async () => {
    const session = 'append-behind';
    expect((await call(ctx.server, { path: '/users/me', token: TOKEN, headers: { 'x-mock-session': session } })).status).toBe(200);
    const [meta] = await ctx.client.keys(`*s:${session}:m`);
    expect(meta).toBeDefined();
    // As if a call had stored its entry and stopped before writing the counter back.
    await ctx.client.hset(meta as string, 'seq', 0);
    const replies = await Promise.all(Array.from({ length: 3 }, () => call(ctx.server, { path: '/users/me', token: TOKEN, headers: { 'x-mock-session': session } })));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect((await entries(session)).map((entry) => entry.id)).toEqual(['req_1', 'req_2', 'req_3', 'req_4']);
  });

  it('confirms each entry of one call against its own version: a stale one is refused between current ones', async () => {
    const session = 'append-checks';
    expect((await call(ctx.server, { path: '/users/me', token: TOKEN, headers: { 'x-mock-session': session } })).status).toBe(200);
    const meta = `whop-mock:s:${session}:m`;
    const [epoch, version] = (await ctx.client.hmget(meta, 'epoch', 'v')) as [string, string];
    const fields = (check: string): string => `${session}\n${epoch}\n100\nGET\n/users/me\n/users/me\nretrieveCurrentUser\n200\n${check}\n`;
    const text = (n: number): string => `"n":${n},"note":"line\nnext"}`;
    const head = ['whop-mock:', '200', String(2 ** 21), String(2 ** 26), '300000', '15000', 'default'];
    const stale = String(Number(version) - 1);
    const reply = (await ctx.client.eval(luaJournal.wmAppend, 0, ...head, fields(version), text(1), fields(stale), text(2), fields(version), text(3), fields(''), text(4))) as number[];
    expect(reply).toEqual([2, -1, 3, 4]);
    const kept = await ctx.client.xrange(`whop-mock:s:${session}:j`, '-', '+');
    expect(kept.map(([id, values]) => [id, values[values.indexOf('e') + 1]])).toEqual([
      ['1-0', expect.any(String)],
      ['2-0', text(1)],
      ['3-0', text(3)],
      ['4-0', text(4)],
    ]);
  });
});
