import { describe, expect, it } from 'vitest';
import { itemSourcesOf, listBody } from '../../src/answers/item-sources.js';

describe('listBody', () => {
  it('carries its sources without showing them, and builds the views once, when data is first read', () => {
    let built = 0;
    const sources = [[{ id: 'a' }], [{ id: 'b' }]] as const;
    const body = listBody(sources, ([record]) => {
      built += 1;
      return { id: record.id };
    }, { has_next_page: false });
    expect(itemSourcesOf(body)).toBe(sources);
    expect(itemSourcesOf({ data: [] })).toBeUndefined();
    expect(Object.keys(body)).toEqual(['data', 'page_info']);
    expect(built).toBe(0);
    expect(JSON.stringify(body)).toBe('{"data":[{"id":"a"},{"id":"b"}],"page_info":{"has_next_page":false}}');
    expect(built).toBe(2);
    expect(body.data).toBe(body.data);
    expect(built).toBe(2);
    body.data = [];
    expect(JSON.stringify(body)).toBe('{"data":[],"page_info":{"has_next_page":false}}');
  });
});
