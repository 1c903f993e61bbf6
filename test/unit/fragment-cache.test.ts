import { describe, expect, it } from 'vitest';
import { FragmentCache } from '../../src/validation/fragment-cache.js';
import { isItemList } from '../../src/validation/item-list-schema.js';

describe('FragmentCache', () => {
  it('answers a fragment only for the same records (by identity) and the same variant', () => {
    const cache = new FragmentCache();
    const member = { id: 'mber_1' };
    const user = { id: 'user_1', name: 'A' };
    cache.set([member, user], 'v', '{"a":1}');
    expect(cache.get([member, user], 'v')).toBe('{"a":1}');
    expect(cache.get([member, user], 'v /phone')).toBeUndefined();
    expect(cache.get([member, { ...user }], 'v')).toBeUndefined();
    expect(cache.get([{ ...member }, user], 'v')).toBeUndefined();
    expect(cache.get([member], 'v')).toBeUndefined();
    expect(cache.get([member, user, undefined], 'v')).toBeUndefined();
  });

  it('a record served with other dependencies replaces what it had', () => {
    const cache = new FragmentCache();
    const member = { id: 'mber_1' };
    const before = { name: 'A' };
    const after = { name: 'B' };
    cache.set([member, before], 'v', 'old');
    cache.set([member, after], 'v', 'new');
    expect(cache.get([member, after], 'v')).toBe('new');
    expect(cache.get([member, before], 'v')).toBeUndefined();
  });

  it('starts over past its count or its characters: what it holds stays bounded', () => {
    const records = Array.from({ length: 5 }, (_, i) => ({ i }));
    const byCount = new FragmentCache(3, 1_000);
    for (const record of records) byCount.set([record], 'v', 'x');
    const kept = records.filter((record) => byCount.get([record], 'v') !== undefined);
    expect(kept.length).toBeLessThanOrEqual(3);
    expect(byCount.get([records[4] as object], 'v')).toBe('x');
    const byChars = new FragmentCache(1_000, 10);
    byChars.set([records[0] as object], 'v', '123456');
    byChars.set([records[1] as object], 'v', '123456');
    expect(byChars.get([records[0] as object], 'v')).toBeUndefined();
    expect(byChars.get([records[1] as object], 'v')).toBe('123456');
  });
});

describe('isItemList: a list response whose validity splits by item', () => {
  const documents = new Map<string, unknown>([
    ['doc', { components: { schemas: {
      Page: { type: 'object', additionalProperties: false, required: ['data', 'page_info'], properties: { data: { type: 'array', items: { $ref: 'doc#/components/schemas/Item' } }, page_info: { type: 'object' } } },
      Item: { type: 'object' },
    } } }],
  ]);
  it('the plain {data: [items], page_info} page, directly or through $ref', () => {
    expect(isItemList({ $ref: 'doc#/components/schemas/Page' }, documents)).toBe(true);
    expect(isItemList({ type: 'object', properties: { data: { type: 'array', items: {} } } }, documents)).toBe(true);
  });
  it('not when items are tied to each other or to the page, or there is no data array', () => {
    const page = (data: object, extra: object = {}) => ({ type: 'object', properties: { data }, ...extra });
    expect(isItemList(page({ type: 'array', items: {}, maxItems: 5 }), documents)).toBe(false);
    expect(isItemList(page({ type: 'array', items: {}, uniqueItems: true }), documents)).toBe(false);
    expect(isItemList(page({ type: 'array', items: {}, contains: {} }), documents)).toBe(false);
    expect(isItemList(page({ type: 'array', items: {} }, { allOf: [{}] }), documents)).toBe(false);
    expect(isItemList(page({ type: 'array', items: {} }, { if: {}, then: {} }), documents)).toBe(false);
    expect(isItemList(page({ type: 'array', items: {} }, { additionalProperties: { type: 'string' } }), documents)).toBe(false);
    expect(isItemList(page({ $ref: 'doc#/components/schemas/Item' }), documents)).toBe(false);
    expect(isItemList({ type: 'object', properties: { items: { type: 'array', items: {} } } }, documents)).toBe(false);
    expect(isItemList({ $ref: 'doc#/components/schemas/Item' }, documents)).toBe(false);
    expect(isItemList({ $ref: 'doc#/components/schemas/Missing' }, documents)).toBe(false);
  });
});
