import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../store/types.ts';
import { createStoreOneTimeTokenStore } from './create-store-one-time-token-store.ts';
import { createStoreSessionStore } from './create-store-session-store.ts';
import { identityModules } from './identity-modules.ts';
import { purgeExpiredCredentials } from './purge-expired-credentials.ts';

const everything: FilterNode = { kind: 'true' };
const hour = 60 * 60 * 1_000;
const day = 24 * hour;

describe('purgeExpiredCredentials', () => {
  let store: Store;
  beforeEach(async () => {
    store = createSqliteStore({ file: ':memory:' });
    await store.ensureSchema(identityModules.values());
  });
  afterEach(async () => {
    await store.close();
  });

  const count = (module: string, deleted: 'exclude' | 'only') =>
    store.count({ module, where: everything, deleted });

  it('ends expired sessions and tokens, keeps live ones, and purges what was deleted past the retention', async () => {
    const sessions = createStoreSessionStore(store);
    const tokens = createStoreOneTimeTokenStore(store);
    const start = Date.now();
    const session = (id: string, expiresAt: number) => ({
      id,
      userId: 'u1',
      audience: 'staff' as const,
      isMfaPending: false,
      createdAt: start - hour,
      idleExpiresAt: expiresAt,
      absoluteExpiresAt: start + 12 * hour,
    });
    await sessions.insert(session('live', start + 2 * hour));
    await sessions.insert(session('idle', start - 1));
    const token = (hash: string, subject: string, expiresAt: number) =>
      tokens.replace({
        hash,
        purpose: 'passwordReset',
        subject,
        data: {},
        createdAt: start - hour,
        expiresAt,
      });
    await token('fresh', 'a@example.test', start + hour);
    await token('stale', 'b@example.test', start - 1);
    const run = (offset: number) =>
      purgeExpiredCredentials({ store, sessions, tokens, now: new Date(start + offset) });

    expect(await run(0)).toEqual({ ended: 2, purged: 0 });
    expect(await sessions.get('live')).not.toBeNull();
    expect(await sessions.get('idle')).toBeNull();
    expect(await count('atriumSessions', 'only')).toBe(1);
    expect(await count('atriumTokens', 'exclude')).toBe(1);

    expect(await run(10 * day)).toEqual({ ended: 2, purged: 0 });
    expect(await count('atriumSessions', 'only')).toBe(2);
    expect(await count('atriumTokens', 'only')).toBe(2);

    expect(await run(31 * day)).toEqual({ ended: 0, purged: 4 });
    for (const module of ['atriumSessions', 'atriumTokens']) {
      expect(await count(module, 'only')).toBe(0);
      expect(await count(module, 'exclude')).toBe(0);
    }
  });

  it('keeps deleted records for as many days as asked', async () => {
    const sessions = createStoreSessionStore(store);
    const tokens = createStoreOneTimeTokenStore(store);
    const start = Date.now();
    await sessions.insert({
      id: 'gone',
      userId: 'u1',
      audience: 'portal:client',
      isMfaPending: false,
      createdAt: start - hour,
      idleExpiresAt: start - 1,
      absoluteExpiresAt: start + hour,
    });
    const at = (offset: number, retainDays: number) =>
      purgeExpiredCredentials({ store, sessions, tokens, now: new Date(start + offset), retainDays });
    expect(await at(0, 90)).toEqual({ ended: 1, purged: 0 });
    expect(await at(60 * day, 90)).toEqual({ ended: 0, purged: 0 });
    expect(await at(60 * day, 7)).toEqual({ ended: 0, purged: 1 });
  });
});
