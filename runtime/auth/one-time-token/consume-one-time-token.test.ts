import { describe, expect, it } from 'vitest';
import { createManualClock } from '../create-manual-clock.ts';
import { consumeOneTimeToken } from './consume-one-time-token.ts';
import { createMemoryOneTimeTokenStore } from './create-memory-one-time-token-store.ts';
import { issueOneTimeToken } from './issue-one-time-token.ts';

const hour = 3_600_000;

async function setup() {
  const store = createMemoryOneTimeTokenStore();
  const clock = createManualClock();
  const token = await issueOneTimeToken({
    store,
    clock,
    purpose: 'passwordReset',
    subject: 'u1',
    ttlMs: hour,
    data: { reason: 'forgot' },
  });
  return { store, clock, token };
}

describe('consumeOneTimeToken', () => {
  it('answers the subject and data the token was issued for', async () => {
    const { store, clock, token } = await setup();
    expect(await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token })).toEqual({
      subject: 'u1',
      data: { reason: 'forgot' },
    });
  });

  it('works once: a second use is refused', async () => {
    const { store, clock, token } = await setup();
    await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token });
    expect(await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token })).toBeNull();
  });

  it('lets exactly one of 20 parallel uses succeed', async () => {
    const { store, clock, token } = await setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token }),
      ),
    );
    expect(results.filter((result) => result !== null)).toEqual([
      { subject: 'u1', data: { reason: 'forgot' } },
    ]);
  });

  it('works until just before expiry', async () => {
    const { store, clock, token } = await setup();
    clock.advance(hour - 1);
    expect(await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token })).not.toBeNull();
  });

  it('refuses an expired token and removes it', async () => {
    const { store, clock, token } = await setup();
    clock.advance(hour);
    expect(await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token })).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('never accepts a reset token as an invitation token', async () => {
    const { store, clock, token } = await setup();
    expect(await consumeOneTimeToken({ store, clock, purpose: 'invitation', token })).toBeNull();
    expect(await consumeOneTimeToken({ store, clock, purpose: 'tokenLink', token })).toBeNull();
  });

  it('leaves a token usable for its own purpose after a wrong-purpose attempt', async () => {
    const { store, clock, token } = await setup();
    await consumeOneTimeToken({ store, clock, purpose: 'invitation', token });
    expect(await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token })).not.toBeNull();
  });

  it('refuses an unknown, empty or over-long token', async () => {
    const { store, clock } = await setup();
    for (const token of ['a'.repeat(32), '', 'a'.repeat(100_000)]) {
      expect(await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token })).toBeNull();
    }
  });
});
