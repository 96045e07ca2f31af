import { beforeEach, describe, expect, it } from 'vitest';
import type { Session, SessionStore } from './types.ts';

const t0 = Date.UTC(2026, 0, 1);

function session(overrides: Partial<Session> & { id: string }): Session {
  return {
    userId: 'u1',
    audience: 'staff',
    isMfaPending: false,
    createdAt: t0,
    idleExpiresAt: t0 + 60_000,
    absoluteExpiresAt: t0 + 3_600_000,
    ...overrides,
  };
}

/**
 * The behaviour every `SessionStore` must show. Call it from the store's own test file:
 * `describeSessionStoreContract({ name: 'sqlite', createStore: () => … })`.
 */
export function describeSessionStoreContract(args: {
  name: string;
  createStore: () => SessionStore | Promise<SessionStore>;
}): void {
  describe(`SessionStore contract: ${args.name}`, () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await args.createStore();
    });

    it('returns an inserted session by id', async () => {
      await store.insert(session({ id: 'a' }));
      expect(await store.get('a')).toEqual(session({ id: 'a' }));
    });

    it('returns null for an unknown id', async () => {
      expect(await store.get('missing')).toBeNull();
    });

    it('keeps a portal audience as given', async () => {
      await store.insert(session({ id: 'a', audience: 'portal:client', isMfaPending: true }));
      expect(await store.get('a')).toMatchObject({ audience: 'portal:client', isMfaPending: true });
    });

    it('returns copies: changing a returned session does not change the stored one', async () => {
      await store.insert(session({ id: 'a' }));
      const copy = await store.get('a');
      if (copy) copy.userId = 'intruder';
      expect((await store.get('a'))?.userId).toBe('u1');
    });

    it('updates the idle expiry and nothing else', async () => {
      await store.insert(session({ id: 'a' }));
      await store.update({ id: 'a', patch: { idleExpiresAt: t0 + 90_000 } });
      expect(await store.get('a')).toEqual(session({ id: 'a', idleExpiresAt: t0 + 90_000 }));
    });

    it('ignores an update of a missing session', async () => {
      await store.update({ id: 'missing', patch: { idleExpiresAt: t0 } });
      expect(await store.get('missing')).toBeNull();
    });

    it('deletes one session', async () => {
      await store.insert(session({ id: 'a' }));
      await store.insert(session({ id: 'b' }));
      await store.delete('a');
      expect(await store.get('a')).toBeNull();
      expect(await store.get('b')).not.toBeNull();
    });

    it('deletes a user’s sessions in one audience except the one named', async () => {
      await store.insert(session({ id: 'keep' }));
      await store.insert(session({ id: 'other-1' }));
      await store.insert(session({ id: 'other-2' }));
      await store.insert(session({ id: 'portal', audience: 'portal:client' }));
      await store.insert(session({ id: 'someone-else', userId: 'u2' }));
      expect(await store.deleteForUser({ userId: 'u1', audience: 'staff', exceptId: 'keep' })).toBe(2);
      expect(await store.get('keep')).not.toBeNull();
      expect(await store.get('other-1')).toBeNull();
      expect(await store.get('other-2')).toBeNull();
      expect(await store.get('portal')).not.toBeNull();
      expect(await store.get('someone-else')).not.toBeNull();
    });

    it('deletes all of a user’s sessions in one audience when no exception is named', async () => {
      await store.insert(session({ id: 'a' }));
      await store.insert(session({ id: 'b' }));
      expect(await store.deleteForUser({ userId: 'u1', audience: 'staff' })).toBe(2);
      expect(await store.get('a')).toBeNull();
    });

    it('deletes sessions past their idle or absolute expiry', async () => {
      await store.insert(session({ id: 'idle', idleExpiresAt: t0 + 10 }));
      await store.insert(session({ id: 'absolute', idleExpiresAt: t0 + 50, absoluteExpiresAt: t0 + 20 }));
      await store.insert(session({ id: 'live' }));
      expect(await store.deleteExpired(t0 + 20)).toBe(2);
      expect(await store.get('live')).not.toBeNull();
      expect(await store.get('idle')).toBeNull();
      expect(await store.get('absolute')).toBeNull();
    });
  });
}
