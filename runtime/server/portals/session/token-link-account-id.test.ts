import { describe, expect, it } from 'vitest';
import { tokenLinkAccountId } from './token-link-account-id.ts';
import { tokenLinkUserId } from './token-link-user-id.ts';

describe('tokenLinkAccountId', () => {
  it('reads the account back from a token-link user id', () => {
    expect(tokenLinkAccountId(tokenLinkUserId('acc_123'))).toBe('acc_123');
  });

  it.each(['acc_123', 'tokenlink:', '', 'TOKENLINK:acc'])('answers null for %j', (userId) => {
    expect(tokenLinkAccountId(userId)).toBeNull();
  });
});
