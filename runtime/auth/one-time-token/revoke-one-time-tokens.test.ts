import { describe, expect, it } from 'vitest';
import { createManualClock } from '../create-manual-clock.ts';
import { consumeOneTimeToken } from './consume-one-time-token.ts';
import { createMemoryOneTimeTokenStore } from './create-memory-one-time-token-store.ts';
import { issueOneTimeToken } from './issue-one-time-token.ts';
import { revokeOneTimeTokens } from './revoke-one-time-tokens.ts';

const hour = 3_600_000;

describe('revokeOneTimeTokens', () => {
  it('makes outstanding tokens of that purpose and subject unusable, and only those', async () => {
    const store = createMemoryOneTimeTokenStore();
    const clock = createManualClock();
    const reset = await issueOneTimeToken({
      store,
      clock,
      purpose: 'passwordReset',
      subject: 'u1',
      ttlMs: hour,
    });
    const invite = await issueOneTimeToken({
      store,
      clock,
      purpose: 'invitation',
      subject: 'u1',
      ttlMs: hour,
    });
    expect(await revokeOneTimeTokens({ store, purpose: 'passwordReset', subject: 'u1' })).toBe(1);
    expect(await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token: reset })).toBeNull();
    expect(await consumeOneTimeToken({ store, clock, purpose: 'invitation', token: invite })).not.toBeNull();
  });
});
