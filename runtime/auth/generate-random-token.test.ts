import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { generateRandomToken } from './generate-random-token.ts';

describe('generateRandomToken', () => {
  it('encodes 20 random bytes as 32 lower-case base32 characters by default', () => {
    const token = generateRandomToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(decodeBase32IgnorePadding(token.toUpperCase())).toHaveLength(20);
  });

  it('encodes the requested number of bytes', () => {
    expect(decodeBase32IgnorePadding(generateRandomToken(32).toUpperCase())).toHaveLength(32);
  });

  it('never repeats across many tokens', () => {
    const tokens = new Set(Array.from({ length: 2_000 }, () => generateRandomToken()));
    expect(tokens.size).toBe(2_000);
  });

  it('refuses fewer than 128 bits', () => {
    expect(() => generateRandomToken(15)).toThrow(RangeError);
  });
});
