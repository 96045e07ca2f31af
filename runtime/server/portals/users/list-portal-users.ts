import type { Page, Store } from '../../../store/types.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import { identityModules } from '../../identity/identity-modules.ts';
import { fieldConditions } from '../../records/field-conditions.ts';
import { requirePortalType } from './require-portal-type.ts';

/**
 * One page (up to 200, by login) of portal users, of one portal type or of all, optionally only
 * those of one account (`accountId`). Staff users are never listed. Render with `portalUserView`.
 */
export async function listPortalUsers(args: {
  store: Store;
  app: CompiledApp;
  portalType?: string;
  accountId?: string;
  cursor?: string;
}): Promise<Page> {
  const users = identityModules.get('atriumUsers');
  if (!users) throw new Error('identity modules are missing atriumUsers');
  const audience =
    args.portalType === undefined
      ? (['audience', 'startsWith', 'portal:'] as const)
      : ([
          'audience',
          'eq',
          `portal:${requirePortalType({ app: args.app, name: args.portalType }).name}`,
        ] as const);
  const where = fieldConditions({
    module: users,
    conditions: [audience, ...(args.accountId ? [['accountId', 'eq', args.accountId] as const] : [])],
  });
  return args.store.find({
    module: 'atriumUsers',
    where,
    sort: [{ field: 'loginKey', direction: 'asc' }],
    limit: 200,
    cursor: args.cursor,
  });
}
