import { describe, expect, it } from 'vitest';
import { headerValue } from '../../src/kernel/header-value.js';
import { shownUrl } from '../../src/kernel/shown-url.js';

describe('headerValue', () => {
  it.each([
    ['/name type: must be string', undefined, 'utf8', '/name type: must be string'],
    ['property "☃"', undefined, 'utf8', 'property "%E2%98%83"'],
    ['a\r\nb\tc\u0000', undefined, 'utf8', 'a%0D%0Ab%09c%00'],
    ['100% sure', undefined, 'utf8', '100% sure'],
    // An upstream's value as Node read it: one Latin-1 character per byte.
    [Buffer.from('☃ é').toString('latin1'), undefined, 'latin1', '%E2%98%83 %C3%A9'],
    // Cut to the limit, never inside an escape.
    ['ab☃', 4, 'utf8', 'ab'],
    ['abcdef', 4, 'utf8', 'abcd'],
  ] as const)('%j (max %s, %s) -> %j', (text, max, encoding, expected) => {
    expect(headerValue(text, max, encoding)).toBe(expected);
  });
});

describe('shownUrl', () => {
  it.each([
    ['http://admin:PW@host:8080/api/v1', 'http://***@host:8080/api/v1'],
    ['https://token@api.example/api/v1?x=1', 'https://***@api.example/api/v1?x=1'],
    ['http://127.0.0.1:4010/api/v1', 'http://127.0.0.1:4010/api/v1'],
    ['not a url://user:pw@x', 'not a url://***@x'],
  ])('%s -> %s', (url, shown) => {
    expect(shownUrl(url)).toBe(shown);
  });
});
