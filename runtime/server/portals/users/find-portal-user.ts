import type { RecordDoc, Store } from '../../../store/types.ts';
import { notFound } from '../../records/record-errors.ts';

/** The stored portal user with this id and its portal type's name; 404 for a missing or staff user. */
export async function findPortalUser(args: {
  store: Store;
  id: string;
}): Promise<{ user: RecordDoc; portalTypeName: string }> {
  const user = await args.store.get({ module: 'atriumUsers', id: args.id, where: { kind: 'true' } });
  const audience = String(user?.audience ?? '');
  if (!user || !audience.startsWith('portal:')) throw notFound('No such portal user');
  return { user, portalTypeName: audience.slice('portal:'.length) };
}
