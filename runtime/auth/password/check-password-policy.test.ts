import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './check-password-policy.ts';
import { commonPasswords } from './common-passwords.ts';

function codes(args: Parameters<typeof checkPasswordPolicy>[0]): string[] {
  return checkPasswordPolicy(args).map((problem) => problem.code);
}

describe('checkPasswordPolicy', () => {
  it.each([
    ['an 8-character password', 'tv8#kQ2m'],
    ['a 64-character password', `${'Zq9'.repeat(21)}x`],
    ['a 256-character password', `${'k'.repeat(255)}z`],
    ['a Unicode password', 'пароль-密码-🔐'],
    ['a passphrase with spaces', 'purple elephants dance quietly'],
  ])('accepts %s', (_name, password) => {
    expect(checkPasswordPolicy({ password })).toEqual([]);
  });

  it('refuses a 7-character password as too short', () => {
    expect(codes({ password: 'tv8#kQ2' })).toEqual(['tooShort']);
  });

  it('counts code points, not UTF-16 units: four emoji are four characters', () => {
    expect('🔐🔑🗝🔒'.length).toBe(8);
    expect(codes({ password: '🔐🔑🔒🔓' })).toEqual(['tooShort']);
  });

  it('raises the floor to a configured minLength', () => {
    expect(checkPasswordPolicy({ password: 'tv8#kQ2m5', minLength: 12 })).toEqual([
      expect.objectContaining({ code: 'tooShort', minLength: 12 }),
    ]);
  });

  it('never lowers the floor below 8', () => {
    expect(checkPasswordPolicy({ password: 'tv8#k', minLength: 4 })).toEqual([
      expect.objectContaining({ code: 'tooShort', minLength: 8 }),
    ]);
  });

  it('refuses 257 characters as too long and reports nothing else', () => {
    expect(codes({ password: 'a'.repeat(257) })).toEqual(['tooLong']);
  });

  it('refuses a 300-character password as too long before anything is hashed', () => {
    expect(checkPasswordPolicy({ password: 'x'.repeat(300) })).toEqual([
      expect.objectContaining({ code: 'tooLong', maxLength: 256, maxBytes: 1024 }),
    ]);
  });

  it('refuses a megabyte of input as too long', () => {
    expect(codes({ password: 'x'.repeat(1_000_000) })).toEqual(['tooLong']);
  });

  it.each(['password', 'Password1', 'QWERTY123', '12345678', 'iloveyou', 'summer2024', 'P@ssw0rd'])(
    'refuses the common password %s',
    (password) => {
      expect(codes({ password })).toContain('common');
    },
  );

  it('ships a list of several hundred common passwords', () => {
    expect(commonPasswords.length).toBeGreaterThan(500);
    expect(new Set(commonPasswords).size).toBe(commonPasswords.length);
    expect(commonPasswords.every((entry) => entry === entry.toLowerCase())).toBe(true);
  });

  it('refuses the email address, ignoring case', () => {
    expect(
      codes({ password: 'Ada.Lovelace@Example.com', context: { email: 'ada.lovelace@example.com' } }),
    ).toEqual(['matchesIdentity']);
  });

  it('refuses the part of the email before the @', () => {
    expect(codes({ password: 'ada.lovelace', context: { email: 'ada.lovelace@example.com' } })).toEqual([
      'matchesIdentity',
    ]);
  });

  it('refuses the username and extra context words', () => {
    expect(codes({ password: 'ByronLover', context: { username: 'byronlover' } })).toEqual([
      'matchesIdentity',
    ]);
    expect(codes({ password: 'AtriumCRM!', context: { words: ['atriumcrm!'] } })).toEqual([
      'matchesIdentity',
    ]);
  });

  it('accepts a password that only contains the username', () => {
    expect(codes({ password: 'byronlover-and-the-engine', context: { username: 'byronlover' } })).toEqual([]);
  });

  it('refuses a password with a lone surrogate', () => {
    expect(codes({ password: 'abcdefgh\uDC00' })).toEqual(['malformed']);
  });
});
