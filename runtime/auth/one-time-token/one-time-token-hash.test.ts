import { describe, expect, it } from 'vitest';
import { hashToken } from '../hash-token.ts';
import { oneTimeTokenHash } from './one-time-token-hash.ts';

describe('oneTimeTokenHash', () => {
  it('binds the purpose: one token hashes differently for each purpose', () => {
    const token = 'abcdefghijklmnopqrstuvwxyz234567';
    expect(oneTimeTokenHash({ purpose: 'passwordReset', token })).not.toBe(
      oneTimeTokenHash({ purpose: 'invitation', token }),
    );
  });

  it('is the SHA-256 of purpose and token', () => {
    expect(oneTimeTokenHash({ purpose: 'tokenLink', token: 't' })).toBe(hashToken('tokenLink:t'));
  });
});
