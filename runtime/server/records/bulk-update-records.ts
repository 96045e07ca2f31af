import { applyUpdate } from './apply-update.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { badRequest } from './record-errors.ts';
import { requireAccess } from './require-access.ts';

export const maxBulkSize = 500;

/** Applies the same change to many records in one transaction: all of them change, or none does. */
export async function bulkUpdateRecords(args: {
  ctx: RecordContext;
  request: RecordRequest;
  ids: readonly string[];
  input: unknown;
}): Promise<{ updated: number }> {
  const { ctx, request } = args;
  const ids = [...new Set(args.ids)];
  if (ids.length === 0 || ids.length > maxBulkSize) throw badRequest(`Give 1 to ${maxBulkSize} record ids`);
  const access = requireAccess({ ctx, request, action: 'update' });
  const results = await ctx.store.transaction(async (tx) => {
    const done = [];
    for (const id of ids) done.push(await applyUpdate({ ctx, tx, request, access, id, input: args.input }));
    return done;
  });
  for (const { previous, record } of results) {
    await ctx.hooks.runAfter('afterChange', {
      principal: request.principal,
      module: request.module,
      operation: 'update',
      record,
      previous,
    });
  }
  return { updated: results.length };
}
