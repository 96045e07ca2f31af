import type { SessionAudience } from '../../../auth/session/types.ts';
import type { RecordDoc, Store } from '../../../store/types.ts';
import { identityModules } from '../../identity/identity-modules.ts';
import { fieldConditions } from '../../records/field-conditions.ts';

/** The portal user (active or not) of this audience whose identity record is `recordId`, or null. */
export async function findPortalUserOfRecord(args: {
  store: Store;
  audience: SessionAudience;
  recordId: string;
}): Promise<RecordDoc | null> {
  const users = identityModules.get('atriumUsers');
  if (!users) throw new Error('identity modules are missing atriumUsers');
  const where = fieldConditions({
    module: users,
    conditions: [
      ['audience', 'eq', args.audience],
      ['recordId', 'eq', args.recordId],
    ],
  });
  const page = await args.store.find({ module: 'atriumUsers', where, limit: 1 });
  return page.records[0] ?? null;
}
