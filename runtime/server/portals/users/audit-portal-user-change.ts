import type { Store } from '../../../store/types.ts';
import type { FieldChanges } from '../../records/diff-values.ts';
import { writeAudit } from '../../records/write-audit.ts';
import type { PortalUserActor } from './portal-user-actor.ts';

/**
 * Appends the audit entry of a change to a portal user (who, when, what changed from what to what,
 * from which address), inside the change's transaction. Never pass secrets in `changes`.
 */
export async function auditPortalUserChange(args: {
  tx: Store;
  actor: PortalUserActor;
  action: string;
  userId: string;
  changes: FieldChanges;
  at: Date;
}): Promise<void> {
  await writeAudit({
    tx: args.tx,
    principal: args.actor.principal,
    action: args.action,
    module: 'atriumUsers',
    recordId: args.userId,
    changes: { ...args.changes, address: { from: null, to: args.actor.address } },
    at: args.at.toISOString(),
  });
}
