import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { hashPassword } from './hash-password.ts';
import { verifyPassword } from './verify-password.ts';

describe('hashPassword', () => {
  it('stores an Argon2id hash with at least 19 MiB, two passes and one lane', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    const options = parseOptions(hash);
    expect(options.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(options.timeCost).toBeGreaterThanOrEqual(2);
    expect(options.parallelism).toBe(1);
  });

  it('salts every hash, so the same password hashes differently twice', async () => {
    const password = 'correct horse battery staple';
    expect(await hashPassword(password)).not.toBe(await hashPassword(password));
  });

  it('round-trips a 64-character password', async () => {
    const password = 'x7'.repeat(32);
    expect(await verifyPassword({ hash: await hashPassword(password), password })).toBe(true);
  });

  it('round-trips a Unicode password', async () => {
    const password = 'pässwörd-пароль-密码-🔐🔑';
    expect(await verifyPassword({ hash: await hashPassword(password), password })).toBe(true);
  });

  it('round-trips a password at the 256 code point limit that is also 1024 bytes', async () => {
    const password = '🔐'.repeat(256);
    expect(await verifyPassword({ hash: await hashPassword(password), password })).toBe(true);
  });

  it('does not truncate: a long password that differs only in its last character does not match', async () => {
    const password = `${'a'.repeat(199)}b`;
    const hash = await hashPassword(password);
    expect(await verifyPassword({ hash, password: `${'a'.repeat(199)}c` })).toBe(false);
  });

  it('refuses a 300-character password synchronously, before any hashing starts', () => {
    // A synchronous throw means the function never reached the (asynchronous) Argon2 call.
    expect(() => hashPassword('a'.repeat(300))).toThrow(AppError);
    expect(() => hashPassword('a'.repeat(300))).toThrow(
      expect.objectContaining({ code: 'PASSWORD_TOO_LONG' }),
    );
  });

  it('refuses a megabyte of input synchronously', () => {
    expect(() => hashPassword('a'.repeat(1_000_000))).toThrow(
      expect.objectContaining({ code: 'PASSWORD_TOO_LONG' }),
    );
  });

  it('refuses 257 emoji (over 256 code points) synchronously', () => {
    expect(() => hashPassword('🔐'.repeat(257))).toThrow(
      expect.objectContaining({ code: 'PASSWORD_TOO_LONG' }),
    );
  });

  it('refuses a password with a lone surrogate, which has no UTF-8 form', () => {
    expect(() => hashPassword('abcdefgh\uD800')).toThrow(
      expect.objectContaining({ code: 'PASSWORD_MALFORMED' }),
    );
  });
});
