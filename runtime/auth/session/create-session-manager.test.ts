import { describe, expect, it } from 'vitest';
import { createManualClock } from '../create-manual-clock.ts';
import { createMemorySessionStore } from './create-memory-session-store.ts';
import { createSessionManager } from './create-session-manager.ts';
import { sessionIdFromToken } from './session-id-from-token.ts';

const minute = 60_000;
const idleMs = 30 * minute;
const absoluteMs = 8 * 60 * minute;

function setup() {
  const clock = createManualClock();
  const store = createMemorySessionStore();
  const sessions = createSessionManager({ store, clock, idleMs, absoluteMs });
  return { clock, store, sessions };
}

describe('createSessionManager: creating', () => {
  it('returns a token and a session whose id is the token’s SHA-256', async () => {
    const { sessions, clock } = setup();
    const { token, session } = await sessions.create({ userId: 'u1', audience: 'staff' });
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(session).toEqual({
      id: sessionIdFromToken(token),
      userId: 'u1',
      audience: 'staff',
      isMfaPending: false,
      createdAt: clock.now(),
      idleExpiresAt: clock.now() + idleMs,
      absoluteExpiresAt: clock.now() + absoluteMs,
    });
  });

  it('stores only the hash: the token appears nowhere in the store', async () => {
    const { sessions, store } = setup();
    const { token } = await sessions.create({ userId: 'u1', audience: 'staff' });
    const stored = store.list();
    expect(stored.map((session) => session.id)).toEqual([sessionIdFromToken(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);
  });
});

describe('createSessionManager: validating', () => {
  it('returns the session for its token', async () => {
    const { sessions } = setup();
    const { token, session } = await sessions.create({ userId: 'u1', audience: 'staff' });
    expect(await sessions.validate({ token, audience: 'staff' })).toEqual(session);
  });

  it('refuses an unknown token', async () => {
    const { sessions } = setup();
    expect(await sessions.validate({ token: 'a'.repeat(32), audience: 'staff' })).toBeNull();
  });

  it('refuses an empty or over-long token', async () => {
    const { sessions } = setup();
    expect(await sessions.validate({ token: '', audience: 'staff' })).toBeNull();
    expect(await sessions.validate({ token: 'a'.repeat(10_000), audience: 'staff' })).toBeNull();
  });

  it('keeps a session alive until just before the idle expiry', async () => {
    const { sessions, clock } = setup();
    const { token } = await sessions.create({ userId: 'u1', audience: 'staff' });
    clock.advance(idleMs - 1);
    expect(await sessions.validate({ token, audience: 'staff' })).not.toBeNull();
  });

  it('ends an idle session and deletes it from the store', async () => {
    const { sessions, clock, store } = setup();
    const { token } = await sessions.create({ userId: 'u1', audience: 'staff' });
    clock.advance(idleMs);
    expect(await sessions.validate({ token, audience: 'staff' })).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('does not renew before half the idle window has passed', async () => {
    const { sessions, clock, store } = setup();
    const { token, session } = await sessions.create({ userId: 'u1', audience: 'staff' });
    clock.advance(idleMs / 2 - 1);
    await sessions.validate({ token, audience: 'staff' });
    expect(store.list()[0]?.idleExpiresAt).toBe(session.idleExpiresAt);
  });

  it('slides the idle expiry forward once more than half the idle window has passed', async () => {
    const { sessions, clock, store } = setup();
    const { token } = await sessions.create({ userId: 'u1', audience: 'staff' });
    clock.advance(idleMs * 0.6);
    const renewed = await sessions.validate({ token, audience: 'staff' });
    expect(renewed?.idleExpiresAt).toBe(clock.now() + idleMs);
    expect(store.list()[0]?.idleExpiresAt).toBe(clock.now() + idleMs);
    clock.advance(idleMs * 0.6);
    expect(await sessions.validate({ token, audience: 'staff' })).not.toBeNull();
  });

  it('never renews past the absolute limit', async () => {
    const { sessions, clock } = setup();
    const { token, session } = await sessions.create({ userId: 'u1', audience: 'staff' });
    let latest = session.idleExpiresAt;
    while (clock.now() + 20 * minute < session.absoluteExpiresAt) {
      clock.advance(20 * minute);
      latest = (await sessions.validate({ token, audience: 'staff' }))?.idleExpiresAt ?? Number.NaN;
      expect(latest).toBeLessThanOrEqual(session.absoluteExpiresAt);
    }
    expect(latest).toBe(session.absoluteExpiresAt);
  });

  it('ends an active session at its absolute lifetime and deletes it', async () => {
    const { sessions, clock, store } = setup();
    const { token, session } = await sessions.create({ userId: 'u1', audience: 'staff' });
    while (clock.now() + 20 * minute < session.absoluteExpiresAt) {
      clock.advance(20 * minute);
      expect(await sessions.validate({ token, audience: 'staff' })).not.toBeNull();
    }
    clock.set(session.absoluteExpiresAt);
    expect(await sessions.validate({ token, audience: 'staff' })).toBeNull();
    expect(store.list()).toEqual([]);
  });
});

describe('createSessionManager: audience binding', () => {
  it('refuses a staff session on a portal', async () => {
    const { sessions } = setup();
    const { token } = await sessions.create({ userId: 'u1', audience: 'staff' });
    expect(await sessions.validate({ token, audience: 'portal:client' })).toBeNull();
  });

  it('refuses a portal session on the staff API and on another portal type', async () => {
    const { sessions } = setup();
    const { token } = await sessions.create({ userId: 'p1', audience: 'portal:client' });
    expect(await sessions.validate({ token, audience: 'staff' })).toBeNull();
    expect(await sessions.validate({ token, audience: 'portal:partner' })).toBeNull();
  });

  it('leaves the session working in its own audience after a refusal elsewhere', async () => {
    const { sessions } = setup();
    const { token } = await sessions.create({ userId: 'p1', audience: 'portal:client' });
    await sessions.validate({ token, audience: 'staff' });
    expect(await sessions.validate({ token, audience: 'portal:client' })).not.toBeNull();
  });
});

describe('createSessionManager: MFA pending', () => {
  it('refuses an MFA-pending session unless the caller allows it', async () => {
    const { sessions } = setup();
    const { token } = await sessions.create({ userId: 'u1', audience: 'staff', isMfaPending: true });
    expect(await sessions.validate({ token, audience: 'staff' })).toBeNull();
    expect(await sessions.validate({ token, audience: 'staff', allowMfaPending: true })).toMatchObject({
      isMfaPending: true,
    });
  });

  it('caps an MFA-pending session at ten minutes', async () => {
    const { sessions, clock } = setup();
    const { token, session } = await sessions.create({ userId: 'u1', audience: 'staff', isMfaPending: true });
    expect(session.absoluteExpiresAt).toBe(clock.now() + 10 * minute);
    clock.advance(10 * minute);
    expect(await sessions.validate({ token, audience: 'staff', allowMfaPending: true })).toBeNull();
  });

  it('replaces a pending session with a full one under a new token on completing MFA', async () => {
    const { sessions, store } = setup();
    const pending = await sessions.create({ userId: 'u1', audience: 'staff', isMfaPending: true });
    const full = await sessions.completeMfa({ token: pending.token, audience: 'staff' });
    expect(full?.token).not.toBe(pending.token);
    expect(full?.session).toMatchObject({ userId: 'u1', audience: 'staff', isMfaPending: false });
    expect(
      await sessions.validate({ token: pending.token, audience: 'staff', allowMfaPending: true }),
    ).toBeNull();
    expect(await sessions.validate({ token: full?.token ?? '', audience: 'staff' })).not.toBeNull();
    expect(store.list()).toHaveLength(1);
  });

  it('does not complete MFA for a session that is not pending, or in another audience', async () => {
    const { sessions } = setup();
    const full = await sessions.create({ userId: 'u1', audience: 'staff' });
    const pending = await sessions.create({ userId: 'p1', audience: 'portal:client', isMfaPending: true });
    expect(await sessions.completeMfa({ token: full.token, audience: 'staff' })).toBeNull();
    expect(await sessions.completeMfa({ token: pending.token, audience: 'staff' })).toBeNull();
  });
});

describe('createSessionManager: invalidating', () => {
  it('logs out: the token stops working and the session is deleted', async () => {
    const { sessions, store } = setup();
    const { token } = await sessions.create({ userId: 'u1', audience: 'staff' });
    await sessions.invalidate(token);
    expect(await sessions.validate({ token, audience: 'staff' })).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('invalidates every other session of the user but keeps the current one', async () => {
    const { sessions } = setup();
    const current = await sessions.create({ userId: 'u1', audience: 'staff' });
    const laptop = await sessions.create({ userId: 'u1', audience: 'staff' });
    const phone = await sessions.create({ userId: 'u1', audience: 'staff' });
    const colleague = await sessions.create({ userId: 'u2', audience: 'staff' });
    const count = await sessions.invalidateAllForUser({
      userId: 'u1',
      audience: 'staff',
      exceptToken: current.token,
    });
    expect(count).toBe(2);
    expect(await sessions.validate({ token: current.token, audience: 'staff' })).not.toBeNull();
    expect(await sessions.validate({ token: laptop.token, audience: 'staff' })).toBeNull();
    expect(await sessions.validate({ token: phone.token, audience: 'staff' })).toBeNull();
    expect(await sessions.validate({ token: colleague.token, audience: 'staff' })).not.toBeNull();
  });

  it('invalidates every session of the user when no current token is kept', async () => {
    const { sessions } = setup();
    const one = await sessions.create({ userId: 'u1', audience: 'portal:client' });
    const two = await sessions.create({ userId: 'u1', audience: 'portal:client' });
    await sessions.invalidateAllForUser({ userId: 'u1', audience: 'portal:client' });
    expect(await sessions.validate({ token: one.token, audience: 'portal:client' })).toBeNull();
    expect(await sessions.validate({ token: two.token, audience: 'portal:client' })).toBeNull();
  });
});

describe('createSessionManager: configuration', () => {
  it('refuses a lifetime that is not a positive number', () => {
    const store = createMemorySessionStore();
    const clock = createManualClock();
    expect(() => createSessionManager({ store, clock, idleMs: 0, absoluteMs })).toThrow(RangeError);
    expect(() => createSessionManager({ store, clock, idleMs, absoluteMs: Number.NaN })).toThrow(RangeError);
  });
});
