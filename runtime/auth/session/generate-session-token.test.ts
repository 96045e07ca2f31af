import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { generateSessionToken } from './generate-session-token.ts';

describe('generateSessionToken', () => {
  it('is 32 lower-case base32 characters without padding', () => {
    expect(generateSessionToken()).toMatch(/^[a-z2-7]{32}$/);
  });

  it('carries 160 random bits (at least the 120 the security plan asks for)', () => {
    expect(decodeBase32IgnorePadding(generateSessionToken().toUpperCase()).length * 8).toBe(160);
  });

  it('uses the whole alphabet and never repeats', () => {
    const tokens = Array.from({ length: 1_000 }, () => generateSessionToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(new Set(tokens.join('')).size).toBe(32);
  });

  it('sets each bit about half the time', () => {
    const bytes = Array.from({ length: 500 }, () =>
      decodeBase32IgnorePadding(generateSessionToken().toUpperCase()),
    );
    const ones = bytes.reduce(
      (sum, token) => sum + token.reduce((bits, byte) => bits + popCount(byte), 0),
      0,
    );
    const ratio = ones / (bytes.length * 160);
    expect(ratio).toBeGreaterThan(0.48);
    expect(ratio).toBeLessThan(0.52);
  });
});

function popCount(byte: number): number {
  let count = 0;
  for (let bit = byte; bit > 0; bit >>= 1) count += bit & 1;
  return count;
}
