import { decideAccessCached } from '../../core/access/decide-access-cached.ts';
import type { Principal } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { RecordDoc } from '../../store/types.ts';

/**
 * An audit entry as `principal` may see it. Entries about a module of the app show only the changes
 * of fields the principal may read there (`readableFields` of a record it knows nothing about, so
 * field rights that depend on the record fail closed); the others are dropped and counted in
 * `hiddenChanges`. Entries about the runtime's own modules (sign-in events on users) are shown as
 * they are: seeing them is what the `viewAudit` privilege grants.
 */
export function maskAuditEntry(args: {
  app: CompiledApp;
  principal: Principal;
  now: Date;
  entry: RecordDoc;
}): RecordDoc {
  const { entry } = args;
  const module = typeof entry.module === 'string' ? entry.module : '';
  const changes = entry.changes;
  if (!args.app.modules.has(module) || typeof changes !== 'object' || changes === null) return entry;
  const decision = decideAccessCached({
    app: args.app,
    principal: args.principal,
    module,
    action: 'read',
    now: args.now,
  });
  const readable = decision.allowed ? decision.readableFields({}) : new Set<string>();
  const shown: Record<string, unknown> = {};
  let hidden = 0;
  for (const [field, change] of Object.entries(changes)) {
    if (readable.has(field)) shown[field] = change;
    else hidden += 1;
  }
  return hidden === 0 ? entry : { ...entry, changes: shown, hiddenChanges: hidden };
}
