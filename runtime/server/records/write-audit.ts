import type { Principal } from '../../core/access/types.ts';
import type { Store } from '../../store/types.ts';
import type { FieldChanges } from './diff-values.ts';
import { newRecordId } from './new-record-id.ts';

/** Appends an audit entry (who, when, what changed) inside the write's transaction. */
export async function writeAudit(args: {
  tx: Store;
  principal: Principal;
  action: string;
  module: string;
  recordId: string;
  changes: FieldChanges;
  at: string;
}): Promise<void> {
  const { principal, at } = args;
  await args.tx.insert({
    module: 'atriumAudit',
    doc: {
      id: newRecordId(),
      version: 1,
      owner: null,
      createdAt: at,
      createdBy: principal.id,
      updatedAt: at,
      updatedBy: principal.id,
      deletedAt: null,
      at,
      actor: principal.id,
      actorKind: principal.kind,
      action: args.action,
      module: args.module,
      recordId: args.recordId,
      changes: args.changes,
      ...(principal.reason ? { reason: principal.reason } : {}),
    },
  });
}
