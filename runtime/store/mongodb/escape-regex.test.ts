import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeRegex } from './escape-regex.ts';

describe('escapeRegex', () => {
  it('escapes every syntax character', () => {
    expect(escapeRegex('\\^$.*+?()[]{}|/')).toBe('\\\\\\^\\$\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/');
  });

  it('writes NUL as \\x00, which MongoDB accepts in a pattern', () => {
    expect(escapeRegex('a\0b')).toBe('a\\x00b');
  });

  it('matches exactly the text it was built from, with and without the u flag', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (text) => {
        expect(new RegExp(`^${escapeRegex(text)}$`).test(text)).toBe(true);
        expect(new RegExp(`^${escapeRegex(text)}$`, 'u').test(text)).toBe(true);
      }),
    );
  });

  it('never matches a different text of the same length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', minLength: 1 }), fc.nat(), (text, at) => {
        const index = at % text.length;
        const other = `${text.slice(0, index)}${text[index] === 'x' ? 'y' : 'x'}${text.slice(index + 1)}`;
        expect(new RegExp(`^${escapeRegex(text)}$`).test(other)).toBe(false);
      }),
    );
  });
});
