import { maskForReader } from './mask-for-reader.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { notFound } from './record-errors.ts';
import { requireAccess } from './require-access.ts';
import { writeAudit } from './write-audit.ts';

/** Brings back a soft-deleted record inside the principal's delete scope. */
export async function restoreRecord(args: { ctx: RecordContext; request: RecordRequest; id: string }) {
  const { ctx, request, id } = args;
  const { principal, module } = request;
  const { decision } = requireAccess({ ctx, request, action: 'delete' });
  const at = ctx.now().toISOString();
  const record = await ctx.store.transaction(async (tx) => {
    const restored = await tx.restore({
      module,
      id,
      where: decision.where,
      updatedAt: at,
      updatedBy: principal.id,
    });
    if (!restored) throw notFound('Record not found');
    await writeAudit({ tx, principal, action: 'restore', module, recordId: id, changes: {}, at });
    return restored;
  });
  return maskForReader({ ctx, request, record });
}
