import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../src/bundle/fixture-files.js';
import { World } from '../../src/world/world.js';

const fixtures = loadFixtures('fixtures');

describe('World and WorldState', () => {
  it('dumps an untouched state as the fixtures', () => {
    expect(new World(fixtures).createState().toJSON()).toEqual(fixtures);
  });

  it('dumps changes, and a dump builds an equal world', () => {
    const state = new World(fixtures).createState();
    state.members.apply('mber_pf06lead', null);
    const alex = state.users.findBy('username', 'alex');
    if (alex === undefined) throw new Error('fixture user missing');
    state.users.put({ ...alex, bio: null });
    const dump = state.toJSON();
    expect(dump.members.map((m) => m.id)).not.toContain('mber_pf06lead');
    expect(dump.users.find((u) => u.id === 'user_alex123')?.bio).toBeNull();
    expect(new World(dump).createState().toJSON()).toEqual(dump);
  });

  it('looks tokens up by the token string and companies by route', () => {
    const state = new World(fixtures).createState();
    expect(state.tokens.get('tok_user_alex_full')?.user_id).toBe('user_alex123');
    expect(state.tokens.findBy('token', 'tok_key_pixelforge_full')?.account_id).toBe('biz_pixelforge');
    expect(state.companies.findBy('route', 'summit-fitness')?.id).toBe('biz_summit');
  });
});
