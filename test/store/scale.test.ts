import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/world/create-world.js';
import { loadFixtures } from '../../src/bundle/fixture-files.js';
import { SessionRegistry } from '../../src/state/session-registry.js';

describe('sessions over a large world', () => {
  it('creates 1,000 sessions over 100,000 generated users without copying them', async () => {
    const world = await createWorld(loadFixtures('fixtures'), { users: 100_000, seed: 2026 });
    expect(world.bases.users.records.size).toBeGreaterThan(100_000);
    const registry = new SessionRegistry(world, { maxSessions: 1_000, idleTtlMs: 60_000 });
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1_000; i += 1) registry.get(`s${i}`);
    const perSession = (process.memoryUsage().heapUsed - before) / 1_000;
    // A copy of 100,000 users per session would be megabytes each; a view is a few small maps.
    expect(perSession).toBeLessThan(64 * 1024);
    expect(registry.names()).toHaveLength(1_001);

    const state = registry.get('s500');
    const someone = [...state.users.values()][50_000];
    if (someone === undefined) throw new Error('no generated user');
    state.users.put({ ...someone, username: 'renamed-in-s500' });
    expect(state.users.findBy('username', 'renamed-in-s500')?.id).toBe(someone.id);
    expect(registry.get('s501').users.findBy('username', 'renamed-in-s500')).toBeUndefined();
    expect(registry.get('s501').users.get(someone.id)?.username).toBe(someone.username);
    expect(world.bases.users.records.get(someone.id)?.username).toBe(someone.username);
  });
});
