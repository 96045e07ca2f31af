import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../create-manual-clock.ts';
import { consumeOneTimeToken } from './consume-one-time-token.ts';
import { createMemoryOneTimeTokenStore } from './create-memory-one-time-token-store.ts';
import { issueOneTimeToken } from './issue-one-time-token.ts';
import { oneTimeTokenHash } from './one-time-token-hash.ts';

const hour = 3_600_000;

function setup() {
  return { store: createMemoryOneTimeTokenStore(), clock: createManualClock() };
}

describe('issueOneTimeToken', () => {
  it('returns at least 128 random bits as lower-case base32', async () => {
    const { store, clock } = setup();
    const token = await issueOneTimeToken({
      store,
      clock,
      purpose: 'passwordReset',
      subject: 'u1',
      ttlMs: hour,
    });
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(decodeBase32IgnorePadding(token.toUpperCase()).length * 8).toBeGreaterThanOrEqual(128);
  });

  it('stores only the hash, with purpose, subject, data and expiry', async () => {
    const { store, clock } = setup();
    const token = await issueOneTimeToken({
      store,
      clock,
      purpose: 'invitation',
      subject: 'contact-1',
      ttlMs: 48 * hour,
      data: { portalType: 'client' },
    });
    const stored = store.list();
    expect(stored).toEqual([
      {
        hash: oneTimeTokenHash({ purpose: 'invitation', token }),
        purpose: 'invitation',
        subject: 'contact-1',
        data: { portalType: 'client' },
        createdAt: clock.now(),
        expiresAt: clock.now() + 48 * hour,
      },
    ]);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('revokes the older token when a newer one is issued for the same purpose and subject', async () => {
    const { store, clock } = setup();
    const older = await issueOneTimeToken({
      store,
      clock,
      purpose: 'passwordReset',
      subject: 'u1',
      ttlMs: hour,
    });
    const newer = await issueOneTimeToken({
      store,
      clock,
      purpose: 'passwordReset',
      subject: 'u1',
      ttlMs: hour,
    });
    expect(await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token: older })).toBeNull();
    expect(
      await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token: newer }),
    ).not.toBeNull();
  });

  it('leaves tokens of other subjects and other purposes alone', async () => {
    const { store, clock } = setup();
    const otherUser = await issueOneTimeToken({
      store,
      clock,
      purpose: 'passwordReset',
      subject: 'u2',
      ttlMs: hour,
    });
    const invite = await issueOneTimeToken({
      store,
      clock,
      purpose: 'invitation',
      subject: 'u1',
      ttlMs: hour,
    });
    await issueOneTimeToken({ store, clock, purpose: 'passwordReset', subject: 'u1', ttlMs: hour });
    expect(
      await consumeOneTimeToken({ store, clock, purpose: 'passwordReset', token: otherUser }),
    ).not.toBeNull();
    expect(await consumeOneTimeToken({ store, clock, purpose: 'invitation', token: invite })).not.toBeNull();
  });

  it('refuses a lifetime that is not positive', async () => {
    const { store, clock } = setup();
    await expect(
      issueOneTimeToken({ store, clock, purpose: 'passwordReset', subject: 'u1', ttlMs: 0 }),
    ).rejects.toThrow(RangeError);
  });
});
