import { describe, expect, it } from 'vitest';
import { call } from '../support/mock.js';
import { redisInstalled } from '../support/redis-server.js';
import { useRedisMock } from '../support/redis-mock.js';

// The journal budgets of the Redis store under concurrent requests, whose entries reach Redis
// several to one append script: per session at most ENTRIES entries and SESSION_BYTES bytes, the
// whole store at most TOTAL_BYTES, the oldest evicted first; and the books (a session's `jb`,
// the store's journal:all and journal:bytes) add up to what the streams keep. Read straight
// from the real redis-server.
const TOKEN = 'tok_user_alex_full';
const P = 'whop-mock:';
const ENTRIES = 4;
const SESSION_BYTES = 6000;
const TOTAL_BYTES = 15000;
const SESSIONS = ['budget-a', 'budget-b', 'budget-c', 'budget-d'];
const PER_SESSION = 16;

describe.runIf(redisInstalled)('the Redis store keeps the journal budgets under concurrent requests', () => {
  const ctx = useRedisMock({ journalLimit: ENTRIES, journalSessionBytes: SESSION_BYTES, journalTotalBytes: TOTAL_BYTES });

  /** What a session's stream keeps: [seq, bytes] oldest first. */
  const kept = async (session: string) =>
    (await ctx.client.xrange(`${P}s:${session}:j`, '-', '+')).map(([id, fields]) => [Number.parseInt(id, 10), Number(fields[fields.indexOf('b') + 1])] as const);

  /** Checks every budget and book; returns what each session's stream keeps. */
  const checkBooks = async (counted: Record<string, number>) => {
    let total = 0;
    let entries = 0;
    const streams: Record<string, (readonly [number, number])[]> = {};
    for (const session of SESSIONS) {
      const stream = await kept(session);
      const bytes = stream.reduce((sum, [, b]) => sum + b, 0);
      expect(stream.length).toBeLessThanOrEqual(ENTRIES);
      expect(bytes).toBeLessThanOrEqual(SESSION_BYTES);
      expect(Number(await ctx.client.hget(`${P}s:${session}:m`, 'jb'))).toBe(bytes);
      // Every request was counted, and what is kept is the newest of them.
      const n = counted[session] as number;
      expect(stream.map(([seq]) => seq)).toEqual(Array.from({ length: stream.length }, (_, i) => n - stream.length + 1 + i));
      const api = (await call(ctx.server, { path: '/__mock/requests?limit=1000', headers: { 'x-mock-session': session } })).body.data as { id: string }[];
      expect(api.map((entry) => entry.id).sort()).toEqual(stream.map(([seq]) => `req_${seq}`).sort());
      // The sizes list, where there is one, mirrors the stream.
      const sizes = await ctx.client.lrange(`${P}s:${session}:js`, 0, -1);
      if (sizes.length > 0) expect(sizes).toEqual(stream.map(([seq, b]) => `${seq}:${b}`));
      streams[session] = stream;
      total += bytes;
      entries += stream.length;
    }
    expect(total).toBeLessThanOrEqual(TOTAL_BYTES);
    expect(Number(await ctx.client.get(`${P}journal:bytes`))).toBe(total);
    const members = await ctx.client.zrange(`${P}journal:all`, '0', '-1');
    expect(members).toHaveLength(entries);
    expect(members.reduce((sum, member) => sum + Number(member.split('\n')[2]), 0)).toBe(total);
    return { streams, entries };
  };
  const counted: Record<string, number> = Object.fromEntries(SESSIONS.map((session) => [session, 0]));
  const burst = (session: string, n: number) => {
    counted[session] = (counted[session] as number) + n;
    return Array.from({ length: n }, () => call(ctx.server, { token: TOKEN, path: '/users/me', headers: { 'x-mock-session': session } }));
  };

  it('keeps each session within its entry cap, the store within its total bytes, the newest kept, the books exact', async () => {
    const replies = await Promise.all(SESSIONS.flatMap((session) => burst(session, PER_SESSION)));
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    const { streams, entries } = await checkBooks(counted);
    // Both budgets were reached: sessions at their entry cap, and the store-wide bytes.
    expect(entries).toBeLessThan(SESSIONS.length * ENTRIES);
    expect(Object.values(streams).some((stream) => stream.length === ENTRIES)).toBe(true);
    // Evictions went through the sizes lists (checked against the streams above).
    expect(await Promise.all(SESSIONS.map((session) => ctx.client.llen(`${P}s:${session}:js`)))).toEqual(SESSIONS.map((session) => streams[session]?.length));
  });

  it('a stream its sizes list does not mirror (one kept before the list existed) is read instead, and the books stay exact', async () => {
    await ctx.client.del(`${P}s:budget-a:js`);
    const replies = await Promise.all([...burst('budget-a', 6), ...burst('budget-b', 3)]);
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    await checkBooks(counted);
  });
});
