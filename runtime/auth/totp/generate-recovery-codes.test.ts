import { describe, expect, it } from 'vitest';
import { hashToken } from '../hash-token.ts';
import { generateRecoveryCodes } from './generate-recovery-codes.ts';

describe('generateRecoveryCodes', () => {
  it('generates ten codes by default, grouped for reading', () => {
    const { codes } = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
  });

  it('generates the number asked for, all different', () => {
    const { codes } = generateRecoveryCodes(50);
    expect(new Set(codes).size).toBe(50);
  });

  it('answers the SHA-256 of each code without hyphens, in order', () => {
    const { codes, hashes } = generateRecoveryCodes(3);
    expect(hashes).toEqual(codes.map((code) => hashToken(code.replaceAll('-', ''))));
  });

  it('refuses a count outside 1–100', () => {
    expect(() => generateRecoveryCodes(0)).toThrow(RangeError);
    expect(() => generateRecoveryCodes(101)).toThrow(RangeError);
  });
});
