import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../src/bundle/fixture-files.js';
import { SessionRegistry } from '../../src/state/session-registry.js';
import { World } from '../../src/world/world.js';

const world = new World(loadFixtures('fixtures'));

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SessionRegistry', () => {
  it('creates a session on first use and returns the same state afterwards', () => {
    const registry = new SessionRegistry(world, { maxSessions: 5, idleTtlMs: 60_000 });
    const a = registry.get('a');
    expect(registry.get('a')).toBe(a);
    expect(registry.get('b')).not.toBe(a);
    expect(registry.names()).toEqual(['default', 'a', 'b']);
  });

  it('treats "" and "default" as the default session', () => {
    const registry = new SessionRegistry(world, { maxSessions: 1, idleTtlMs: 1_000 });
    expect(registry.get('')).toBe(registry.get('default'));
  });

  it('isolates sessions from each other', () => {
    const registry = new SessionRegistry(world, { maxSessions: 5, idleTtlMs: 60_000 });
    const alex = registry.get('a').users.get('user_alex123');
    if (alex === undefined) throw new Error('fixture user missing');
    registry.get('a').users.put({ ...alex, name: 'Changed' });
    expect(registry.get('a').users.get('user_alex123')?.name).toBe('Changed');
    expect(registry.get('b').users.get('user_alex123')?.name).toBe('Alex Rivera');
    expect(registry.get('').users.get('user_alex123')?.name).toBe('Alex Rivera');
  });

  it('evicts the least recently used session over maxSessions, never the default', () => {
    const time = clock();
    const registry = new SessionRegistry(world, { maxSessions: 2, idleTtlMs: 60_000, now: time.now });
    const a = registry.get('a');
    registry.get('b');
    registry.get('a'); // a is now more recent than b
    registry.get('c'); // over the limit: b goes
    expect(registry.names()).toEqual(['default', 'a', 'c']);
    expect(registry.get('a')).toBe(a);
    registry.get('d');
    registry.get('e');
    expect(registry.names()).toEqual(['default', 'd', 'e']);
  });

  it('evicts sessions idle longer than idleTtlMs on the next call, but not the default', () => {
    const time = clock();
    const registry = new SessionRegistry(world, { maxSessions: 10, idleTtlMs: 1_000, now: time.now });
    const defaultState = registry.get('default');
    const old = registry.get('old');
    time.advance(600);
    registry.get('fresh');
    time.advance(600); // old idle 1200 ms, fresh 600 ms
    expect(registry.names()).toEqual(['default', 'fresh']);
    expect(registry.get('old')).not.toBe(old);
    time.advance(10_000);
    expect(registry.names()).toEqual(['default']);
    expect(registry.get('')).toBe(defaultState);
  });

  it('counts use as activity: a session in use is not idle', () => {
    const time = clock();
    const registry = new SessionRegistry(world, { maxSessions: 10, idleTtlMs: 1_000, now: time.now });
    const busy = registry.get('busy');
    for (let i = 0; i < 5; i += 1) {
      time.advance(900);
      expect(registry.get('busy')).toBe(busy);
    }
  });

  it('reset discards state and extras together', () => {
    let made = 0;
    const registry = new SessionRegistry(world, {
      maxSessions: 5, idleTtlMs: 60_000, createExtras: () => ({ journal: [] as string[], serial: (made += 1) }),
    });
    const session = registry.session('a');
    session.extras.journal.push('GET /users/me');
    session.state.users.apply('user_alex123', null);
    const fresh = registry.reset('a');
    expect(fresh.state.users.get('user_alex123')?.username).toBe('alex');
    expect(fresh.extras.journal).toEqual([]);
    expect(fresh.extras.serial).not.toBe(session.extras.serial);
    expect(registry.session('a')).toBe(fresh);
  });

  it('resets the default session too', () => {
    const registry = new SessionRegistry(world, { maxSessions: 0, idleTtlMs: 1_000 });
    registry.get('').users.apply('user_alex123', null);
    registry.reset('default');
    expect(registry.get('').users.get('user_alex123')).toBeDefined();
  });
});

describe('SessionRegistry: letting go of sessions', () => {
  it('calls onDrop for each session it evicts (LRU or idle) or resets, never for the one in use', () => {
    const time = clock();
    const dropped: string[] = [];
    const registry = new SessionRegistry(world, { maxSessions: 1, idleTtlMs: 1_000, now: time.now, onDrop: (s) => dropped.push(s.name) });
    registry.get('a');
    registry.get('b'); // a over the cap
    expect(dropped).toEqual(['a']);
    time.advance(2_000);
    registry.get('c'); // b idle
    expect(dropped).toEqual(['a', 'b']);
    registry.reset('c');
    registry.reset('default');
    expect(dropped).toEqual(['a', 'b', 'c', 'default']);
  });

  it('bounds what a session writes by bytes: a put past the budget is refused and changes nothing', () => {
    const registry = new SessionRegistry(world, { maxSessions: 2, idleTtlMs: 60_000, sessionBytes: 2_000 });
    const state = registry.get('a');
    const alex = state.users.get('user_alex123');
    if (alex === undefined) throw new Error('fixture user missing');
    state.users.put({ ...alex, bio: 'x'.repeat(500) });
    expect(() => state.users.put({ ...alex, bio: 'x'.repeat(5_000) })).toThrow(expect.objectContaining({ status: 413, code: 'mock_session_full' }));
    expect(state.users.get('user_alex123')?.bio).toHaveLength(500);
    // Replacing a record counts it once: its old size is given back.
    state.users.put({ ...alex, bio: 'y'.repeat(900) });
    expect(state.ledger.bytes).toBeLessThan(2_000);
  });
});
