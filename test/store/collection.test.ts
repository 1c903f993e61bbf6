import { describe, expect, it } from 'vitest';
import { Collection } from '../../src/world/collection.js';
import { CollectionBase } from '../../src/world/collection-base.js';

interface Person {
  id: string;
  username: string;
  name: string;
}

const people: Person[] = [
  { id: 'u1', username: 'alex', name: 'Alex' },
  { id: 'u2', username: 'maya', name: 'Maya' },
  { id: 'u3', username: 'jonas', name: 'Jonas' },
];
const base = new CollectionBase<Person>('users', 'id', people.map((p) => ({ ...p })), [{ fields: ['username'], fold: true }]);
const ids = (c: Collection<Person>) => [...c.values()].map((p) => p.id);

describe('Collection (copy-on-write view)', () => {
  it('reads the base through an empty view', () => {
    const view = new Collection(base);
    expect(ids(view).length).toBe(3);
    expect(view.get('u2')?.name).toBe('Maya');
    expect(view.findBy('username', 'MAYA')?.id).toBe('u2');
    expect(ids(view)).toEqual(['u1', 'u2', 'u3']);
  });

  it("keeps one view's put and delete out of other views and the base", () => {
    const a = new Collection(base);
    const b = new Collection(base);
    a.put({ id: 'u2', username: 'maya', name: 'Maya Chen' });
    a.apply('u1', null);
    a.put({ id: 'u9', username: 'zoe', name: 'Zoe' });
    expect(a.get('u2')?.name).toBe('Maya Chen');
    expect(a.get('u1')).toBeUndefined();
    expect(ids(a).length).toBe(3);
    expect(b.get('u2')?.name).toBe('Maya');
    expect(b.get('u1')?.name).toBe('Alex');
    expect(b.get('u9')).toBeUndefined();
    expect(ids(b).length).toBe(3);
    expect(base.records.get('u2')?.name).toBe('Maya');
    expect(base.records.size).toBe(3);
  });

  it('keeps values() in base order with replacements in place, then new records in insertion order', () => {
    const view = new Collection(base);
    view.put({ id: 'u8', username: 'b', name: 'B' });
    view.put({ id: 'u3', username: 'jonas', name: 'Jonas W' });
    view.put({ id: 'u7', username: 'a', name: 'A' });
    view.put({ id: 'u8', username: 'b', name: 'B2' });
    view.apply('u2', null);
    expect(ids(view)).toEqual(['u1', 'u3', 'u8', 'u7']);
    expect([...view.values()].map((p) => p.name)).toEqual(['Alex', 'Jonas W', 'B2', 'A']);
    expect(ids(view)).toEqual(ids(view));
  });

  it('counts records through removal and re-put', () => {
    const view = new Collection(base);
    view.apply('u1', null);
    view.apply('u1', null);
    expect(ids(view).length).toBe(2);
    view.put({ id: 'u1', username: 'alex', name: 'Alex again' });
    expect(ids(view).length).toBe(3);
    view.put({ id: 'n1', username: 'new', name: 'New' });
    view.apply('n1', null);
    expect(ids(view).length).toBe(3);
    expect(ids(view)).toEqual(['u1', 'u2', 'u3']);
  });

  it('finds renamed records by their new name and frees the old one', () => {
    const view = new Collection(base);
    view.put({ id: 'u1', username: 'alex-rivera', name: 'Alex' });
    expect(view.findBy('username', 'alex-rivera')?.id).toBe('u1');
    expect(view.findBy('username', 'alex')).toBeUndefined();
    // The freed name can be taken by someone else in this view, but not in the base or others.
    view.put({ id: 'u2', username: 'alex', name: 'Maya' });
    expect(view.findBy('username', 'alex')?.id).toBe('u2');
    expect(view.findBy('username', 'maya')).toBeUndefined();
    expect(new Collection(base).findBy('username', 'alex')?.id).toBe('u1');
    // Renamed back and forth: only the current holder answers.
    view.put({ id: 'u2', username: 'maya', name: 'Maya' });
    expect(view.findBy('username', 'alex')).toBeUndefined();
    expect(view.findBy('username', 'maya')?.id).toBe('u2');
  });

  it('forgets deleted records in findBy', () => {
    const view = new Collection(base);
    view.apply('u3', null);
    expect(view.findBy('username', 'jonas')).toBeUndefined();
  });

  it('refuses a put that would duplicate a unique field, case-insensitively', () => {
    const view = new Collection(base);
    expect(() => view.put({ id: 'u4', username: 'Alex', name: 'Impostor' })).toThrow(/username "Alex" is already used by u1/);
    expect(ids(view).length).toBe(3);
    expect(() => view.put({ id: 'u1', username: 'ALEX', name: 'Alex' })).not.toThrow();
  });

  it('freezes stored records so handlers must copy to change them', () => {
    const view = new Collection(base);
    const stored = view.put({ id: 'u5', username: 'k', name: 'K' });
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(view.get('u1'))).toBe(true);
    expect(() => {
      (stored as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it('rejects findBy on a field without an index', () => {
    expect(() => new Collection(base).findBy('name', 'Alex')).toThrow(/name is not an indexed field/);
  });
});

describe('Collection.ordered (a named order, sorted once per base, merged per view)', () => {
  const byName = { name: 'name:asc', keyOf: (p: Person) => p.name, compare: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) };
  const names = (view: Collection<Person>) => Array.from({ [Symbol.iterator]: () => view.ordered(byName).ascending() }, (p) => p.name);

  it('an untouched view reads the base order, sorted once and shared', () => {
    expect(names(new Collection(base))).toEqual(['Alex', 'Jonas', 'Maya']);
    expect(base.sortedBy(byName)).toBe(base.sortedBy(byName));
  });

  it('merges a view\'s own writes into the order, and only that view sees them', () => {
    const view = new Collection(base);
    view.put({ id: 'u9', username: 'bea', name: 'Bea' });
    view.put({ id: 'u1', username: 'alex', name: 'Zed' });
    view.apply('u3', null);
    expect(names(view)).toEqual(['Bea', 'Maya', 'Zed']);
    expect(names(new Collection(base))).toEqual(['Alex', 'Jonas', 'Maya']);
  });

  it('sees the next write', () => {
    const view = new Collection(base);
    view.put({ id: 'u9', username: 'bea', name: 'Bea' });
    expect(names(view)).toEqual(['Alex', 'Bea', 'Jonas', 'Maya']);
    view.put({ id: 'u8', username: 'aaron', name: 'Aaron' });
    expect(names(view)).toEqual(['Aaron', 'Alex', 'Bea', 'Jonas', 'Maya']);
  });
});
