import { describeOneTimeTokenStoreContract } from '../../auth/one-time-token/describe-one-time-token-store-contract.ts';
import { describeSessionStoreContract } from '../../auth/session/describe-session-store-contract.ts';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import { createStoreOneTimeTokenStore } from './create-store-one-time-token-store.ts';
import { createStoreSessionStore } from './create-store-session-store.ts';
import { identityModules } from './identity-modules.ts';

async function freshStore() {
  const store = createSqliteStore({ file: ':memory:' });
  await store.ensureSchema(identityModules.values());
  return store;
}

describeSessionStoreContract({
  name: 'store-backed sessions (SQLite)',
  createStore: async () => createStoreSessionStore(await freshStore()),
});
describeOneTimeTokenStoreContract({
  name: 'store-backed one-time tokens (SQLite)',
  createStore: async () => createStoreOneTimeTokenStore(await freshStore()),
});
