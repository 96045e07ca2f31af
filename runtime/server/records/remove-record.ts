import type { RecordContext, RecordRequest } from './record-context.ts';
import { notFound } from './record-errors.ts';
import { requireAccess } from './require-access.ts';
import { writeAudit } from './write-audit.ts';

/** Soft-deletes a record inside the principal's delete scope; it stays restorable. */
export async function removeRecord(args: {
  ctx: RecordContext;
  request: RecordRequest;
  id: string;
}): Promise<void> {
  const { ctx, request, id } = args;
  const { principal, module } = request;
  const { decision } = requireAccess({ ctx, request, action: 'delete' });
  const at = ctx.now().toISOString();
  const record = await ctx.store.transaction(async (tx) => {
    const current = await tx.get({ module, id, where: decision.where });
    if (!current) throw notFound('Record not found');
    await ctx.hooks.runBefore('beforeDelete', { principal, module, record: current });
    if (!(await tx.remove({ module, id, where: decision.where, deletedAt: at, deletedBy: principal.id }))) {
      throw notFound('Record not found');
    }
    await writeAudit({ tx, principal, action: 'delete', module, recordId: id, changes: {}, at });
    return current;
  });
  await ctx.hooks.runAfter('afterDelete', { principal, module, record });
}
