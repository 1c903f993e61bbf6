import { describe, expect, it } from 'vitest';
import { CachedSession } from '../../src/redis/cached-session.js';
import type { WorldState } from '../../src/store/world-state.js';

// The lock of a replica's copy of a session (RedisSession.transact holds it from the answer step
// to the commit): one request at a time, in the order they asked, and taken at once when free.
describe('CachedSession lock', () => {
  const copy = (): CachedSession => new CachedSession({} as WorldState);

  it('is taken at once when free (no promise to wait for), and again once released', () => {
    const entry = copy();
    expect(entry.acquire()).toBeUndefined();
    entry.release();
    expect(entry.acquire()).toBeUndefined();
  });

  it('lets one request in at a time, in the order they asked, a newcomer after those waiting', async () => {
    const entry = copy();
    const order: string[] = [];
    const inside = new Set<string>();
    const hold = async (name: string, turns: number): Promise<void> => {
      const waiting = entry.acquire();
      if (waiting !== undefined) await waiting;
      expect([...inside]).toEqual([]);
      inside.add(name);
      order.push(name);
      for (let i = 0; i < turns; i += 1) await Promise.resolve();
      inside.delete(name);
      entry.release();
    };
    const first = hold('a', 3);
    const waiting = [hold('b', 2), hold('c', 0)];
    // Asked while b and c wait for the lock a still holds: after them.
    await Promise.resolve();
    const late = hold('d', 1);
    await Promise.all([first, ...waiting, late]);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(entry.acquire()).toBeUndefined();
  });
});
