import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../src/world/check-integrity.js';
import { createWorld } from '../../src/world/create-world.js';
import { generateMembers, generateUsers } from '../../src/world/generate-users.js';
import { loadFixtures } from '../../src/bundle/fixture-files.js';
import { recordValidators } from '../../src/bundle/compiled-records.js';

const fixtures = loadFixtures('fixtures');
const validators = recordValidators();

describe('generateUsers', () => {
  it('gives the same users for the same seed', () => {
    expect(generateUsers(50, 42, fixtures)).toEqual(generateUsers(50, 42, fixtures));
  });

  it('gives different users for a different seed', () => {
    const a = generateUsers(20, 1, fixtures);
    const b = generateUsers(20, 2, fixtures);
    expect(a.map((u) => u.id)).not.toEqual(b.map((u) => u.id));
    expect(a.map((u) => u.username)).not.toEqual(b.map((u) => u.username));
  });

  it('makes records valid against the schema, with unique ids and usernames', () => {
    const users = generateUsers(2_000, 7, fixtures);
    for (const user of users) expect(validators.users(user), user.id).toBeUndefined();
    const usernames = [...fixtures.users, ...users].map((u) => u.username.toLowerCase());
    expect(new Set(usernames).size).toBe(usernames.length);
    const ids = [...fixtures.users, ...users].map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spreads created_at and varies profiles', () => {
    const users = generateUsers(500, 3, fixtures);
    const years = new Set(users.map((u) => u.created_at.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(5);
    expect(users.some((u) => u.name === null)).toBe(true);
    expect(users.some((u) => u.bio === null)).toBe(true);
    expect(users.some((u) => u.balances.length > 0)).toBe(true);
    expect(new Set(users.map((u) => u.verification.individual?.status ?? null)).size).toBe(5);
  });

  it('passes the fixture integrity rules together with the fixtures, members included', () => {
    const users = generateUsers(300, 11, fixtures);
    const members = generateMembers(users, 12, fixtures);
    expect(members).toHaveLength(300);
    for (const member of members) expect(validators.members(member), member.id).toBeUndefined();
    const all = { ...fixtures, users: [...fixtures.users, ...users], members: [...fixtures.members, ...members] };
    expect(() => checkIntegrity(all, (kind) => kind)).not.toThrow();
  });

  it('keeps every record of the world frozen through and through, generated ones included', async () => {
    const world = await createWorld(fixtures, { users: 200, seed: 9, members: true });
    const unfrozen: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (typeof value !== 'object' || value === null) return;
      if (!Object.isFrozen(value)) unfrozen.push(at);
      for (const [key, inner] of Object.entries(value)) walk(inner, `${at}.${key}`);
    };
    for (const kind of ['users', 'members'] as const) for (const [id, record] of world.bases[kind].records) walk(record, `${kind}.${id}`);
    expect(world.bases.users.records.size).toBeGreaterThan(200);
    expect(unfrozen).toEqual([]);
  });

  it('adds generated records to the world only when asked', async () => {
    expect((await createWorld(fixtures)).bases.users.records.size).toBe(fixtures.users.length);
    const world = await createWorld(fixtures, { users: 25, seed: 5, members: true });
    expect(world.bases.users.records.size).toBe(fixtures.users.length + 25);
    expect(world.bases.members.records.size).toBe(fixtures.members.length + 25);
    // Asking for members does not change the users a seed gives.
    const usersOnly = (await createWorld(fixtures, { users: 25, seed: 5 })).createState().toJSON().users;
    expect(world.createState().toJSON().users).toEqual(usersOnly);
  });
});
