import { describe, expect, it } from 'vitest';
import { hashPassword } from './hash-password.ts';
import { verifyPassword } from './verify-password.ts';

const password = 'correct horse battery staple';
const hash = await hashPassword(password);

describe('verifyPassword', () => {
  it('accepts the password the hash was made from', async () => {
    expect(await verifyPassword({ hash, password })).toBe(true);
  });

  it('refuses a different password', async () => {
    expect(await verifyPassword({ hash, password: 'correct horse battery stapler' })).toBe(false);
  });

  it('is case-sensitive', async () => {
    expect(await verifyPassword({ hash, password: password.toUpperCase() })).toBe(false);
  });

  it('matches a password typed with composed or decomposed accents alike', async () => {
    const composed = 'caf\u00e9-au-lait';
    const decomposed = 'cafe\u0301-au-lait';
    expect(await verifyPassword({ hash: await hashPassword(composed), password: decomposed })).toBe(true);
  });

  it('answers false for a hash it cannot parse', async () => {
    expect(await verifyPassword({ hash: 'not-a-hash', password })).toBe(false);
  });

  it('answers false for oversized input', async () => {
    expect(await verifyPassword({ hash, password: 'a'.repeat(300) })).toBe(false);
  });
});
