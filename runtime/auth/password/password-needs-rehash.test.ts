import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword } from './hash-password.ts';
import { passwordNeedsRehash } from './password-needs-rehash.ts';

describe('passwordNeedsRehash', () => {
  it('is false for a hash made by hashPassword', async () => {
    expect(passwordNeedsRehash(await hashPassword('correct horse battery staple'))).toBe(false);
  });

  it('is true for a hash made with cheaper parameters', async () => {
    const weak = await hash('correct horse battery staple', {
      memoryCost: 8_192,
      timeCost: 1,
      parallelism: 1,
    });
    expect(passwordNeedsRehash(weak)).toBe(true);
  });

  it('is true for something that is not an Argon2 hash', () => {
    expect(passwordNeedsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
  });
});
