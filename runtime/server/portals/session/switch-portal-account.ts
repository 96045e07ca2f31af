import { createError } from '../../../core/errors.ts';
import type { RecordDoc, Store } from '../../../store/types.ts';

const notLinked = createError({ code: 'ACCOUNT_NOT_LINKED', status: 403 });

/**
 * The account switcher: makes `accountId` the portal user's current account (what
 * `$principal.accountId` reads from the next request on), if the user is linked to it (`accountIds`).
 */
export async function switchPortalAccount(args: {
  store: Store;
  user: RecordDoc;
  accountId: string;
  at: Date;
}): Promise<RecordDoc> {
  const { user, accountId } = args;
  const linked = Array.isArray(user.accountIds) ? user.accountIds : [user.accountId];
  if (!linked.includes(accountId)) throw notLinked('You are not linked to that account');
  const at = args.at.toISOString();
  const result = await args.store.update({
    module: 'atriumUsers',
    id: user.id,
    where: { kind: 'true' },
    expectedVersion: user.version,
    set: { accountId },
    updatedAt: at,
    updatedBy: user.id,
  });
  if (result.kind !== 'updated') throw notLinked('Your account changed meanwhile; try again');
  return result.record;
}
