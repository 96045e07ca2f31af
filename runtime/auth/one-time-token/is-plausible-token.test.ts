import { describe, expect, it } from 'vitest';
import { isPlausibleToken } from './is-plausible-token.ts';

describe('isPlausibleToken', () => {
  it('accepts a 32-character token', () => {
    expect(isPlausibleToken('a'.repeat(32))).toBe(true);
  });

  it('refuses an empty or over-long string', () => {
    expect(isPlausibleToken('')).toBe(false);
    expect(isPlausibleToken('a'.repeat(129))).toBe(false);
  });
});
