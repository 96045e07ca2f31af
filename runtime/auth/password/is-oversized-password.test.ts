import { describe, expect, it } from 'vitest';
import { isOversizedPassword } from './is-oversized-password.ts';

describe('isOversizedPassword', () => {
  it.each([
    ['256 ASCII characters', 'a'.repeat(256), false],
    ['257 ASCII characters', 'a'.repeat(257), true],
    ['256 four-byte characters (1024 bytes)', '🔐'.repeat(256), false],
    ['257 four-byte characters', '🔐'.repeat(257), true],
    ['256 three-byte characters', '密'.repeat(256), false],
    ['a megabyte', 'a'.repeat(1_000_000), true],
  ])('judges %s', (_name, password, expected) => {
    expect(isOversizedPassword(password)).toBe(expected);
  });
});
