import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { dummyPasswordHash } from './dummy-password-hash.ts';
import { dummyVerify } from './dummy-verify.ts';
import { hashPassword } from './hash-password.ts';
import { passwordNeedsRehash } from './password-needs-rehash.ts';

describe('dummyVerify', () => {
  it('answers false', async () => {
    expect(await dummyVerify('correct horse battery staple')).toBe(false);
    expect(await dummyVerify()).toBe(false);
  });

  it('checks against a hash made with the same Argon2 parameters as real hashes', async () => {
    const { saltLen: _, ...dummy } = parseOptions(dummyPasswordHash);
    const { saltLen: __, ...real } = parseOptions(await hashPassword('correct horse battery staple'));
    expect(dummy).toEqual(real);
    expect(passwordNeedsRehash(dummyPasswordHash)).toBe(false);
  });

  it('answers false for oversized input, as verifyPassword does', async () => {
    expect(await dummyVerify('a'.repeat(300))).toBe(false);
  });
});
