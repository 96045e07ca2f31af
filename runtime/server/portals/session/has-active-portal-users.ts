import type { Store } from '../../../store/types.ts';
import { identityModules } from '../../identity/identity-modules.ts';
import { fieldConditions } from '../../records/field-conditions.ts';
import { portalAudience } from './portal-audience.ts';

/**
 * Whether the account has at least one active portal user of this portal type (by the user's
 * `accountId`). While it has, token links for the account are refused and token-link sessions die.
 */
export async function hasActivePortalUsers(args: {
  store: Store;
  portalTypeName: string;
  accountId: string;
}): Promise<boolean> {
  const users = identityModules.get('atriumUsers');
  if (!users) throw new Error('identity modules are missing atriumUsers');
  const where = fieldConditions({
    module: users,
    conditions: [
      ['audience', 'eq', portalAudience(args.portalTypeName)],
      ['accountId', 'eq', args.accountId],
      ['active', 'eq', true],
    ],
  });
  const page = await args.store.find({ module: 'atriumUsers', where, limit: 1 });
  return page.records.length > 0;
}
