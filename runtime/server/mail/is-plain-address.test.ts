import { describe, expect, it } from 'vitest';
import { isPlainAddress } from './is-plain-address.ts';

describe('isPlainAddress', () => {
  it.each([
    'ada@example.com',
    'Ada.Lovelace+crm@mail.example.co.uk',
    "o'brien@example.ie",
    'jose@exämple.de',
    'user_1@sub-domain.example.org',
  ])('accepts %s', (address) => {
    expect(isPlainAddress(address)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['no @', 'ada.example.com'],
    ['nothing before @', '@example.com'],
    ['a domain without a dot', 'ada@localhost'],
    ['two addresses', 'ada@example.com, eve@example.com'],
    ['two addresses with ;', 'ada@example.com;eve@example.com'],
    ['a display name', 'Ada <ada@example.com>'],
    ['angle brackets', '<ada@example.com>'],
    ['a group', 'friends: ada@example.com;'],
    ['a CRLF header', 'ada@example.com\r\nBcc: eve@example.com'],
    ['a bare LF', 'ada@example.com\nBcc: eve@example.com'],
    ['a space', 'ada lovelace@example.com'],
    ['a quoted local part', '"ada"@example.com'],
    ['a comment', 'ada@example.com (Ada)'],
    ['a double dot', 'ada..l@example.com'],
    ['a leading dot', '.ada@example.com'],
    ['two @', 'ada@eve@example.com'],
    ['a label ending in -', 'ada@example-.com'],
    ['an address literal', 'ada@[127.0.0.1]'],
    ['a NUL', 'ada\u0000@example.com'],
    ['an overlong local part', `${'a'.repeat(65)}@example.com`],
  ])('refuses %s', (_, address) => {
    expect(isPlainAddress(address)).toBe(false);
  });
});
