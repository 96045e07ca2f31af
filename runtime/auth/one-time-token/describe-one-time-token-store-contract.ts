import { beforeEach, describe, expect, it } from 'vitest';
import type { OneTimeTokenRecord, OneTimeTokenStore } from './types.ts';

const t0 = Date.UTC(2026, 0, 1);

function record(overrides: Partial<OneTimeTokenRecord> & { hash: string }): OneTimeTokenRecord {
  return {
    purpose: 'passwordReset',
    subject: 'u1',
    data: {},
    createdAt: t0,
    expiresAt: t0 + 3_600_000,
    ...overrides,
  };
}

/**
 * The behaviour every `OneTimeTokenStore` must show, including an atomic `take` under 20 concurrent
 * callers. Call it from the store's own test file.
 */
export function describeOneTimeTokenStoreContract(args: {
  name: string;
  createStore: () => OneTimeTokenStore | Promise<OneTimeTokenStore>;
}): void {
  describe(`OneTimeTokenStore contract: ${args.name}`, () => {
    let store: OneTimeTokenStore;
    beforeEach(async () => {
      store = await args.createStore();
    });

    it('returns a stored record with its data', async () => {
      const stored = record({ hash: 'h1', data: { portalType: 'client', recordId: 'c1', isBulk: false } });
      await store.replace(stored);
      expect(await store.get('h1')).toEqual(stored);
    });

    it('takes a record once: the second take finds nothing', async () => {
      await store.replace(record({ hash: 'h1' }));
      expect(await store.take('h1')).toEqual(record({ hash: 'h1' }));
      expect(await store.take('h1')).toBeNull();
      expect(await store.get('h1')).toBeNull();
    });

    it('gives the record to exactly one of 20 concurrent takers', async () => {
      await store.replace(record({ hash: 'h1' }));
      const results = await Promise.all(Array.from({ length: 20 }, () => store.take('h1')));
      expect(results.filter((result) => result !== null)).toHaveLength(1);
    });

    it('returns null when taking an unknown hash', async () => {
      expect(await store.take('missing')).toBeNull();
    });

    it('replaces older tokens of the same purpose and subject, and only those', async () => {
      await store.replace(record({ hash: 'old' }));
      await store.replace(record({ hash: 'invite', purpose: 'invitation' }));
      await store.replace(record({ hash: 'other-user', subject: 'u2' }));
      await store.replace(record({ hash: 'new' }));
      expect(await store.get('old')).toBeNull();
      expect(await store.get('new')).not.toBeNull();
      expect(await store.get('invite')).not.toBeNull();
      expect(await store.get('other-user')).not.toBeNull();
    });

    it('deletes the tokens of one purpose and subject', async () => {
      await store.replace(record({ hash: 'reset' }));
      await store.replace(record({ hash: 'invite', purpose: 'invitation' }));
      expect(await store.deleteFor({ purpose: 'passwordReset', subject: 'u1' })).toBe(1);
      expect(await store.get('reset')).toBeNull();
      expect(await store.get('invite')).not.toBeNull();
    });

    it('deletes expired tokens', async () => {
      await store.replace(record({ hash: 'expired', subject: 'u1', expiresAt: t0 + 10 }));
      await store.replace(record({ hash: 'live', subject: 'u2', expiresAt: t0 + 11 }));
      expect(await store.deleteExpired(t0 + 10)).toBe(1);
      expect(await store.get('expired')).toBeNull();
      expect(await store.get('live')).not.toBeNull();
    });
  });
}
