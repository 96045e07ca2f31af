import { maskRecord } from '../../core/access/mask-record.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { notFound } from './record-errors.ts';
import { requireAccess } from './require-access.ts';

/** One record, masked; a missing record and one outside the scope are the same 404. */
export async function getRecord(args: { ctx: RecordContext; request: RecordRequest; id: string }) {
  const { ctx, request } = args;
  const access = requireAccess({ ctx, request, action: 'read' });
  await ctx.hooks.runBefore('beforeRead', {
    principal: request.principal,
    module: request.module,
    operation: 'get',
  });
  const record = await ctx.store.get({ module: request.module, id: args.id, where: access.decision.where });
  if (!record) throw notFound('Record not found');
  return maskRecord({ record, readable: access.decision.readableFields(record) });
}
