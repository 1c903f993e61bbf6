import { describe, expect, it } from 'vitest';
import { CachedSession, SessionCache } from '../../src/state/redis/cached-session.js';
import type { WorldState } from '../../src/world/world-state.js';

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

describe('SessionCache (the copies a replica keeps, most recently used last)', () => {
  it('keeps the most recently used copies, the same copy for a name until it is evicted or forgotten', () => {
    const cache = new SessionCache(2, () => ({}) as WorldState);
    const a = cache.get('a');
    expect(cache.get('a')).toBe(a);
    const b = cache.get('b');
    expect(cache.get('a')).toBe(a);
    // c evicts the least recently used, b; a stays.
    cache.get('c');
    expect(cache.get('a')).toBe(a);
    expect(cache.get('b')).not.toBe(b);
    // Forgetting the one used last: the next get makes a new copy.
    const again = cache.get('b');
    cache.forget('b');
    expect(cache.get('b')).not.toBe(again);
  });
});
