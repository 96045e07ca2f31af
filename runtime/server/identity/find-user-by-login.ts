import type { SessionAudience } from '../../auth/session/types.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { fieldConditions } from '../records/field-conditions.ts';
import { identityModules } from './identity-modules.ts';
import { loginKey } from './login-key.ts';

/** The user (active or not) with this login in this audience, or null. */
export async function findUserByLogin(args: {
  store: Store;
  audience: SessionAudience;
  login: string;
}): Promise<RecordDoc | null> {
  const users = identityModules.get('atriumUsers');
  if (!users) throw new Error('identity modules are missing atriumUsers');
  const where = fieldConditions({ module: users, conditions: [['loginKey', 'eq', loginKey(args)]] });
  const page = await args.store.find({ module: 'atriumUsers', where, limit: 1 });
  return page.records[0] ?? null;
}
