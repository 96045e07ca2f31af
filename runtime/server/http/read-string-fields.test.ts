import { describe, expect, it } from 'vitest';
import { readStringFields } from './read-string-fields.ts';

const limits = { email: 10, password: 20 };

describe('readStringFields', () => {
  it('answers the named fields', () => {
    expect(readStringFields({ body: { email: 'a@b.c', password: 'secret' }, limits })).toEqual({
      email: 'a@b.c',
      password: 'secret',
    });
  });

  it.each([
    { why: 'not an object', body: ['a@b.c'] },
    { why: 'null', body: null },
    { why: 'a missing field', body: { email: 'a@b.c' } },
    { why: 'an object where a string belongs', body: { email: { $ne: null }, password: 'x' } },
    { why: 'an empty string', body: { email: '', password: 'x' } },
    { why: 'a string over the limit', body: { email: 'a'.repeat(11), password: 'x' } },
    { why: 'an unexpected key', body: { email: 'a@b.c', password: 'x', accountId: 'acc' } },
    { why: 'a __proto__ key', body: JSON.parse('{"email":"a@b.c","password":"x","__proto__":{"a":1}}') },
  ])('refuses $why with a 400', ({ body }) => {
    expect(() => readStringFields({ body, limits })).toThrow(expect.objectContaining({ status: 400 }));
  });
});
