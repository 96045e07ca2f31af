import { applyUpdate } from './apply-update.ts';
import { maskForReader } from './mask-for-reader.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { requireAccess } from './require-access.ts';

/** Updates one record; with `expectedVersion`, a concurrent change makes it a 409 carrying the current record. */
export async function updateRecord(args: {
  ctx: RecordContext;
  request: RecordRequest;
  id: string;
  input: unknown;
  expectedVersion?: number;
}): Promise<Record<string, unknown>> {
  const { ctx, request } = args;
  const access = requireAccess({ ctx, request, action: 'update' });
  const { previous, record } = await ctx.store.transaction((tx) => applyUpdate({ ...args, tx, access }));
  await ctx.hooks.runAfter('afterChange', {
    principal: request.principal,
    module: request.module,
    operation: 'update',
    record,
    previous,
  });
  return maskForReader({ ctx, request, record });
}
