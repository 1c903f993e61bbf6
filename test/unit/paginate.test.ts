import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/kernel/api-error.js';
import { compareKeys, CursorCodec, type PageParams } from '../../src/domain/paginate.js';
import { paginate } from '../support/paginate-array.js';

const codec = new CursorCodec('test-secret');
const items = Array.from({ length: 23 }, (_, i) => ({ id: `user_${String(i).padStart(2, '0')}` }));
const options = { scope: 'users', keyOf: (item: { id: string }) => [item.id], compare: compareKeys, codec };
const page = (params: PageParams) => paginate(items, options, params);

describe('paginate', () => {
  it('walks forward through everything exactly once', () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const result = page({ first: 5, after });
      seen.push(...result.data.map((item) => item.id));
      pages += 1;
      if (!result.page_info.has_next_page) break;
      after = result.page_info.end_cursor ?? undefined;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(items.map((item) => item.id));
  });

  it('walks backward through everything exactly once', () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const result = page({ last: 4, before });
      seen.unshift(...result.data.map((item) => item.id));
      if (!result.page_info.has_previous_page) break;
      before = result.page_info.start_cursor ?? undefined;
    }
    expect(seen).toEqual(items.map((item) => item.id));
  });

  it('reports page edges and defaults to 10 items', () => {
    const firstPage = page({});
    expect(firstPage.data).toHaveLength(10);
    expect(firstPage.page_info).toMatchObject({ has_previous_page: false, has_next_page: true });
    const lastPage = page({ last: 3 });
    expect(lastPage.data.map((i) => i.id)).toEqual(['user_20', 'user_21', 'user_22']);
    expect(lastPage.page_info).toMatchObject({ has_previous_page: true, has_next_page: false });
  });

  it('keeps a cursor valid when the record it points at is gone', () => {
    const cursor = page({ first: 3 }).page_info.end_cursor as string; // user_02
    const without = items.filter((item) => item.id !== 'user_02');
    expect(paginate(without, options, { first: 2, after: cursor }).data.map((i) => i.id)).toEqual(['user_03', 'user_04']);
  });

  it.each([
    ['a tampered signature', (c: string) => `${c.slice(0, -2)}xx`],
    ['a tampered payload', (c: string) => `${Buffer.from('["users",["user_00"]]').toString('base64url')}.${c.split('.')[1]}`],
    ['garbage', () => 'not-a-cursor'],
    ['a cursor from another list', () => new CursorCodec('test-secret').encode('members', ['x'])],
    ['a cursor from another server', () => new CursorCodec('other-secret').encode('users', ['user_01'])],
  ])('rejects %s with a 400 naming the parameter', (_name, make) => {
    const cursor = make(page({ first: 2 }).page_info.end_cursor as string);
    let thrown: unknown;
    try {
      page({ after: cursor });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).status).toBe(400);
    expect((thrown as ApiError).param).toBe('after');
  });

  it('refuses first and last together', () => {
    expect(() => page({ first: 1, last: 1 })).toThrow('cannot be combined with first');
  });
});
