import { describe, expect, it } from 'vitest';
import { recordBody, recordSourceOf } from '../../src/handlers/record-body.js';

describe('recordBody', () => {
  const record = Object.freeze({ id: 'user_1', username: 'alex' });
  const source = [record, 'dependency'] as const;

  it('returns the view it built, carrying its source where nothing that reads the body sees it', () => {
    const body = recordBody(source, ([user]) => ({ id: user.id, username: user.username }));
    expect(recordSourceOf(body)).toBe(source);
    expect(body).toEqual({ id: 'user_1', username: 'alex' });
    expect(JSON.stringify(body)).toBe('{"id":"user_1","username":"alex"}');
    expect(Reflect.ownKeys(body)).toEqual(['id', 'username']);
    expect(Object.getOwnPropertyDescriptors(body)).toEqual({
      id: { value: 'user_1', writable: true, enumerable: true, configurable: true },
      username: { value: 'alex', writable: true, enumerable: true, configurable: true },
    });
  });

  it('tags only the view itself: copies, other objects and non-objects carry no source', () => {
    const body = recordBody(source, ([user]) => ({ id: user.id }));
    expect(recordSourceOf({ ...body })).toBeUndefined();
    expect(recordSourceOf(structuredClone(body))).toBeUndefined();
    expect(recordSourceOf(Object.assign({}, body))).toBeUndefined();
    expect(recordSourceOf({ id: 'user_1' })).toBeUndefined();
    for (const other of [null, undefined, 'text', 42, true]) expect(recordSourceOf(other)).toBeUndefined();
  });

  it('gives each view its own source', () => {
    const other = [Object.freeze({ id: 'user_2', username: 'sam' })] as const;
    const first = recordBody(source, ([user]) => ({ id: user.id }));
    const second = recordBody(other, ([user]) => ({ id: user.id }));
    expect(recordSourceOf(first)).toBe(source);
    expect(recordSourceOf(second)).toBe(other);
  });
});
