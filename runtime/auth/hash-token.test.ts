import { describe, expect, it } from 'vitest';
import { hashToken } from './hash-token.ts';

describe('hashToken', () => {
  it('is the SHA-256 of the token in lower-case hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives different hashes for different tokens', () => {
    expect(hashToken('a')).not.toBe(hashToken('b'));
  });
});
