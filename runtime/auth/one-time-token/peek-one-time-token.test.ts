import { describe, expect, it } from 'vitest';
import { createManualClock } from '../create-manual-clock.ts';
import { consumeOneTimeToken } from './consume-one-time-token.ts';
import { createMemoryOneTimeTokenStore } from './create-memory-one-time-token-store.ts';
import { issueOneTimeToken } from './issue-one-time-token.ts';
import { peekOneTimeToken } from './peek-one-time-token.ts';

const hour = 3_600_000;

async function setup() {
  const store = createMemoryOneTimeTokenStore();
  const clock = createManualClock();
  const token = await issueOneTimeToken({
    store,
    clock,
    purpose: 'invitation',
    subject: 'contact-1',
    ttlMs: hour,
    data: { portalType: 'client' },
  });
  return { store, clock, token };
}

describe('peekOneTimeToken', () => {
  it('answers what the token is for, with its expiry, without using it up', async () => {
    const { store, clock, token } = await setup();
    expect(await peekOneTimeToken({ store, clock, purpose: 'invitation', token })).toEqual({
      subject: 'contact-1',
      data: { portalType: 'client' },
      expiresAt: clock.now() + hour,
    });
    expect(await consumeOneTimeToken({ store, clock, purpose: 'invitation', token })).not.toBeNull();
  });

  it('refuses a token for another purpose', async () => {
    const { store, clock, token } = await setup();
    expect(await peekOneTimeToken({ store, clock, purpose: 'passwordReset', token })).toBeNull();
  });

  it('refuses an expired token', async () => {
    const { store, clock, token } = await setup();
    clock.advance(hour);
    expect(await peekOneTimeToken({ store, clock, purpose: 'invitation', token })).toBeNull();
  });

  it('refuses a used token', async () => {
    const { store, clock, token } = await setup();
    await consumeOneTimeToken({ store, clock, purpose: 'invitation', token });
    expect(await peekOneTimeToken({ store, clock, purpose: 'invitation', token })).toBeNull();
  });
});
