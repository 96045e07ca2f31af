import { describe, expect, it } from 'vitest';
import { createMemorySessionStore } from './create-memory-session-store.ts';
import { describeSessionStoreContract } from './describe-session-store-contract.ts';

describeSessionStoreContract({ name: 'memory', createStore: createMemorySessionStore });

describe('createMemorySessionStore', () => {
  it('lists copies of what it stores', async () => {
    const store = createMemorySessionStore();
    await store.insert({
      id: 'a',
      userId: 'u1',
      audience: 'staff',
      isMfaPending: false,
      createdAt: 0,
      idleExpiresAt: 10,
      absoluteExpiresAt: 20,
    });
    const [listed] = store.list();
    if (listed) listed.userId = 'intruder';
    expect(store.list().map((session) => session.userId)).toEqual(['u1']);
  });
});
