import { decideAccessCached } from '../../core/access/decide-access-cached.ts';
import type { Principal } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { RecordDoc, Store } from '../../store/types.ts';

/** The record an entry is about, live or in the recycle bin, when it lies inside the principal's read scope. */
async function readableRecord(args: {
  store: Store;
  app: CompiledApp;
  principal: Principal;
  now: Date;
  module: string;
  id: unknown;
}) {
  const { app, principal, module, now } = args;
  const decision = decideAccessCached({ app, principal, module, now, action: 'read' });
  if (!decision.allowed || typeof args.id !== 'string') return undefined;
  for (const deleted of ['exclude', 'only'] as const) {
    const record = await args.store.get({ module: args.module, id: args.id, where: decision.where, deleted });
    if (record) return { record, readable: decision.readableFields(record) };
  }
  return undefined;
}

/**
 * An audit entry as `principal` may see it. For an entry about a module of the app, its changes
 * show only when the principal may read that record (live or deleted) and only for the fields it
 * may read there; the rest are dropped and counted in `hiddenChanges` (all of them for a record out
 * of scope, or purged). Who did what and when stays visible: that is what `viewAudit` grants.
 * Entries about the runtime's own modules (sign-in events on users) are shown as they are.
 */
export async function maskAuditEntry(args: {
  store: Store;
  app: CompiledApp;
  principal: Principal;
  now: Date;
  entry: RecordDoc;
}): Promise<RecordDoc> {
  const { entry } = args;
  const module = typeof entry.module === 'string' ? entry.module : '';
  const changes = entry.changes;
  if (!args.app.modules.has(module) || typeof changes !== 'object' || changes === null) return entry;
  const found = await readableRecord({ ...args, module, id: entry.recordId });
  const shown: Record<string, unknown> = {};
  let hidden = 0;
  for (const [field, change] of Object.entries(changes)) {
    if (found?.readable.has(field)) shown[field] = change;
    else hidden += 1;
  }
  return hidden === 0 ? entry : { ...entry, changes: shown, hiddenChanges: hidden };
}
