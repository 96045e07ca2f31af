import type { Store } from '../../store/types.ts';
import { newRecordId } from '../records/new-record-id.ts';

/** Records an authentication event (login, failed login, logout, MFA, password and session changes); never secrets. */
export async function auditAuthEvent(args: {
  store: Store;
  action: string;
  userId: string | null;
  audience: string;
  address: string;
  at: Date;
}): Promise<void> {
  const at = args.at.toISOString();
  await args.store.insert({
    module: 'atriumAudit',
    doc: {
      id: newRecordId(),
      version: 1,
      owner: null,
      createdAt: at,
      createdBy: args.userId,
      updatedAt: at,
      updatedBy: args.userId,
      deletedAt: null,
      at,
      actor: args.userId ?? 'anonymous',
      actorKind: args.audience,
      action: args.action,
      module: 'atriumUsers',
      recordId: args.userId ?? '',
      changes: { address: { from: null, to: args.address } },
    },
  });
}
