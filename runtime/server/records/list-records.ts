import { maskRecord } from '../../core/access/mask-record.ts';
import { type ListQuery, parseListQuery } from './parse-list-query.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { requireAccess } from './require-access.ts';

/** A page of records inside the principal's scope, each masked to its readable fields. */
export async function listRecords(args: {
  ctx: RecordContext;
  request: RecordRequest;
  query: ListQuery;
  deleted?: boolean;
}) {
  const { ctx, request } = args;
  const access = requireAccess({ ctx, request, action: args.deleted ? 'delete' : 'read' });
  const query = parseListQuery({ ctx, request, access, query: args.query });
  await ctx.hooks.runBefore('beforeRead', {
    principal: request.principal,
    module: request.module,
    operation: 'list',
  });
  const page = await ctx.store.find({
    module: request.module,
    ...query,
    deleted: args.deleted ? 'only' : 'exclude',
  });
  return {
    records: page.records.map((record) =>
      maskRecord({ record, readable: access.decision.readableFields(record) }),
    ),
    nextCursor: page.nextCursor,
  };
}
