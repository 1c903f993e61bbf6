import { describe, expect, it } from 'vitest';
import { call, startMock } from '../support/mock.js';
import { redisInstalled } from '../support/redis-server.js';
import { useRedisMock } from '../support/redis-mock.js';

// A session the Redis store lets go of (over the cap, idle past its time, reset) must take its
// journal with it: the stream and its share of the store-wide journal budget (journal:all,
// journal:bytes), as the memory store returns its journal's bytes to the process budget. Read
// straight from the real redis-server, so a leak shows as keys or bytes left behind.
const TOKEN = 'tok_user_alex_full';
const P = 'whop-mock:';

describe.runIf(redisInstalled)('the Redis store frees the journals of sessions it lets go of', () => {
  const ctx = useRedisMock({ maxSessions: 2, idleSessionMs: 600 });

  const get = (session: string) => call(ctx.server, { token: TOKEN, path: `/users/me`, headers: { 'x-mock-session': session } });
  const budget = async () => ({ entries: await ctx.client.zcard(`${P}journal:all`), bytes: Number((await ctx.client.get(`${P}journal:bytes`)) ?? 0) });
  const journalKey = (session: string) => `${P}s:${session}:j`;
  const sessionsIn = async (names: string[]) => {
    const members = await ctx.client.zrange(`${P}journal:all`, '0', '-1');
    return [...new Set(members.map((member) => member.split('\n')[0]))].filter((name) => names.includes(name as string)).sort();
  };

  it('past the session cap: the evicted session has no journal left and no share of the budget', async () => {
    for (const name of ['cap-a', 'cap-b']) for (let n = 0; n < 3; n += 1) expect((await get(name)).status).toBe(200);
    expect(await sessionsIn(['cap-a', 'cap-b'])).toEqual(['cap-a', 'cap-b']);
    const before = await budget();
    expect(before.entries).toBe(6);
    await get('cap-c'); // the third: cap-a, the least recently used, is evicted
    expect(await ctx.client.exists(journalKey('cap-a'))).toBe(0);
    expect(await sessionsIn(['cap-a', 'cap-b', 'cap-c'])).toEqual(['cap-b', 'cap-c']);
    const after = await budget();
    expect(after.entries).toBe(4);
    expect(after.bytes).toBeLessThan(before.bytes);
    expect(after.bytes).toBeGreaterThan(0);
  });

  it('idle past its time: the journal goes with the session, and its bytes leave the budget', async () => {
    await ctx.client.flushdb();
    await ctx.server.close();
    ctx.server = await startMock({ store: ctx.redis.url, maxSessions: 10, idleSessionMs: 600 });
    for (let n = 0; n < 4; n += 1) await get('idle-a');
    expect((await budget()).entries).toBe(4);
    // The journal does not expire by itself (its budget share would be left behind) ...
    expect(await ctx.client.pttl(journalKey('idle-a'))).toBe(-1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // ... the next session created (or a count of the sessions) forgets the idle one whole.
    await get('idle-b');
    expect(await ctx.client.exists(journalKey('idle-a'))).toBe(0);
    expect(await sessionsIn(['idle-a', 'idle-b'])).toEqual(['idle-b']);
    expect(await budget()).toMatchObject({ entries: 1 });
    // Used again, it starts fresh: an empty journal whose ids start over.
    await get('idle-a');
    const journal = await call(ctx.server, { path: '/__mock/requests', headers: { 'x-mock-session': 'idle-a' } });
    expect(journal.body.data.map((entry: { id: string }) => entry.id)).toEqual(['req_1']);
    expect((await budget()).entries).toBe(2);
  });

  it('a reset returns the journal bytes too, and the budget adds up to what is kept', async () => {
    for (let n = 0; n < 3; n += 1) await get('reset-a');
    const before = await budget();
    expect((await call(ctx.server, { method: 'POST', path: '/__mock/reset', headers: { 'x-mock-session': 'reset-a' } })).status).toBe(200);
    const after = await budget();
    expect(after.entries).toBe(before.entries - 3);
    const kept = await ctx.client.zrange(`${P}journal:all`, '0', '-1');
    expect(after.bytes).toBe(kept.reduce((sum, member) => sum + Number(member.split('\n')[2]), 0));
  });
});
