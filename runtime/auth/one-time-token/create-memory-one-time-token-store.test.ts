import { describe, expect, it } from 'vitest';
import { createMemoryOneTimeTokenStore } from './create-memory-one-time-token-store.ts';
import { describeOneTimeTokenStoreContract } from './describe-one-time-token-store-contract.ts';

describeOneTimeTokenStoreContract({ name: 'memory', createStore: createMemoryOneTimeTokenStore });

describe('createMemoryOneTimeTokenStore', () => {
  it('returns copies: changing a returned record does not change the stored one', async () => {
    const store = createMemoryOneTimeTokenStore();
    await store.replace({
      hash: 'h1',
      purpose: 'invitation',
      subject: 'c1',
      data: { portalType: 'client' },
      createdAt: 0,
      expiresAt: 10,
    });
    const fetched = await store.get('h1');
    if (fetched) fetched.subject = 'intruder';
    expect(store.list().map((record) => record.subject)).toEqual(['c1']);
  });
});
